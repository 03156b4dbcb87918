import { describe, expect, it } from 'vitest';
import { createJournal, type JournalEntry } from './journal.js';
import { parseJournalFilter } from './journal-filter.js';

function entry(n: number, overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: `req_${n}`,
    time: new Date(n * 1000).toISOString(),
    method: 'POST',
    path: '/v1/images/generations',
    status: 200,
    outcome: 'answered',
    durationMs: 1,
    request: { headers: {}, body: { model: 'dall-e-2', prompt: `prompt ${n}` } },
    fault: null,
    response: { status: 200 },
    ...overrides,
  };
}

describe('createJournal', () => {
  it('keeps entries oldest first', () => {
    const journal = createJournal(10);
    for (let n = 1; n <= 3; n++) journal.record(entry(n));
    expect(journal.entries().map((e) => e.id)).toEqual(['req_1', 'req_2', 'req_3']);
  });

  it('never grows past its capacity: the oldest go first', () => {
    const journal = createJournal(5);
    for (let n = 1; n <= 12; n++) journal.record(entry(n));
    expect(journal.entries().map((e) => e.id)).toEqual(['req_8', 'req_9', 'req_10', 'req_11', 'req_12']);
  });

  it('records nothing with a capacity of 0', () => {
    const journal = createJournal(0);
    journal.record(entry(1));
    expect(journal.entries()).toEqual([]);
  });

  it('empties on clear, then records again', () => {
    const journal = createJournal(2);
    for (let n = 1; n <= 3; n++) journal.record(entry(n));
    journal.clear();
    expect(journal.entries()).toEqual([]);
    journal.record(entry(4));
    expect(journal.entries().map((e) => e.id)).toEqual(['req_4']);
  });

  it('tells subscribers of each recorded entry and each clear, after the change, until they unsubscribe', () => {
    const journal = createJournal(2);
    const seen: string[] = [];
    const unsubscribe = journal.subscribe((change) => {
      const listed = journal.entries().map((e) => e.id);
      seen.push(
        change.type === 'record' ? `${change.entry.id} [${listed.join(' ')}]` : `clear [${listed.join(' ')}]`,
      );
    });
    for (let n = 1; n <= 3; n++) journal.record(entry(n));
    journal.clear();
    unsubscribe();
    journal.record(entry(4));
    expect(seen).toEqual(['req_1 [req_1]', 'req_2 [req_1 req_2]', 'req_3 [req_2 req_3]', 'clear []']);
  });

  it('tells subscribers nothing when it records nothing', () => {
    const journal = createJournal(0);
    const seen: unknown[] = [];
    journal.subscribe((change) => seen.push(change));
    journal.record(entry(1));
    expect(seen).toEqual([]);
  });

  it('filters by path, status, status class and model; limit keeps the newest, oldest first', () => {
    const journal = createJournal(10);
    journal.record(entry(1));
    journal.record(entry(2, { status: 400 }));
    journal.record(entry(3, { status: 404, path: '/v1/nope', request: { headers: {}, body: null } }));
    journal.record(entry(4, { request: { headers: {}, body: { model: 'gpt-image-1' } } }));
    const ids = (query: Record<string, string>) => {
      const parsed = parseJournalFilter(query);
      if (!parsed.ok) throw new Error(parsed.message);
      return journal.entries(parsed.filter).map((e) => e.id);
    };
    expect(ids({ path: '/v1/nope' })).toEqual(['req_3']);
    expect(ids({ status: '400' })).toEqual(['req_2']);
    expect(ids({ status: '4xx' })).toEqual(['req_2', 'req_3']);
    expect(ids({ model: 'gpt-image-1' })).toEqual(['req_4']);
    expect(ids({ limit: '2' })).toEqual(['req_3', 'req_4']);
    expect(ids({ status: '2xx', limit: '1' })).toEqual(['req_4']);
    expect(ids({ limit: '0' })).toEqual([]);
  });
});

describe('parseJournalFilter', () => {
  it.each([
    [{ status: 'abc' }, 'status'],
    [{ status: '6xx' }, 'status'],
    [{ limit: '-1' }, 'limit'],
    [{ limit: '1.5' }, 'limit'],
    [{ colour: 'red' }, 'colour'],
    [{ path: ['/a', '/b'] }, 'path'],
  ])('refuses %j, naming %s', (query, param) => {
    const parsed = parseJournalFilter(query);
    expect(parsed).toMatchObject({ ok: false, param });
  });
});
