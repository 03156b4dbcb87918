import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult, PlannedRequest } from '../engine/types.js';
import { createProgress, describeRequest, holdLines } from './progress.js';

const request: PlannedRequest = {
  method: 'POST',
  url: 'https://api.openai.com/v1/images/generations',
  headers: { authorization: 'Bearer sk-secret' },
  body: JSON.stringify({ model: 'gpt-image-1-mini', prompt: 'a long prompt', n: 2, size: '1024x1024' }),
  billableImages: 2,
  estimatedCostUsd: 0.01,
};

const check = { id: 'image.valid', title: 'valid images', severity: 'must' } as const;
const result: CheckResult = { ...check, status: 'pass', reason: 'both PNGs decode', durationMs: 31_000 };

describe('createProgress', () => {
  let lines: string[] = [];
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    lines = [];
  });
  afterEach(() => vi.useRealTimers());

  const start = () =>
    createProgress({
      write: (line) => void lines.push(line),
      heartbeatMs: 15_000,
      slowMs: 5_000,
    });
  const advance = (ms: number) => vi.advanceTimersByTime(ms);

  it("prints each check's start and result with the time since the run began", () => {
    const progress = start();
    progress.onEvent({ type: 'check-start', check });
    advance(31_000);
    progress.onEvent({ type: 'check-end', result });
    progress.stop();
    expect(lines[0]).toBe('[   0.0s] start image.valid');
    expect(lines.at(-1)).toBe('[  31.0s] PASS  image.valid (31.0s) both PNGs decode');
  });

  it('says every 15 s which requests are still waiting, and stops when told', () => {
    const progress = start();
    progress.onEvent({ type: 'request-start', request });
    advance(14_000);
    expect(lines).toEqual([]);
    advance(16_000);
    expect(lines).toEqual([
      '[  15.0s] still waiting after 15.0s: POST /v1/images/generations model=gpt-image-1-mini n=2 size=1024x1024',
      '[  30.0s] still waiting after 30.0s: POST /v1/images/generations model=gpt-image-1-mini n=2 size=1024x1024',
    ]);
    progress.onEvent({ type: 'request-end', request, status: 200, durationMs: 30_500 });
    expect(lines.at(-1)).toMatch(/^\[ {2}30\.0s\] 200 after 30\.5s: POST \/v1\/images\/generations/);
    advance(60_000);
    expect(lines).toHaveLength(3);
    progress.stop();
  });

  it('is quiet about fast requests and reports 429 retries', () => {
    const progress = start();
    progress.onEvent({ type: 'request-start', request });
    progress.onEvent({ type: 'request-end', request, status: 400, durationMs: 40 });
    progress.onEvent({ type: 'retry', request, attempt: 1, waitMs: 2000 });
    progress.stop();
    expect(lines).toEqual([
      '[   0.0s] 429, retry 1 in 2.0s: POST /v1/images/generations model=gpt-image-1-mini n=2 size=1024x1024',
    ]);
  });

  it('never prints the key or the prompt', () => {
    const progress = start();
    progress.onEvent({ type: 'request-start', request });
    advance(15_000);
    progress.stop();
    expect(lines.join('\n')).not.toMatch(/sk-secret|a long prompt/);
  });
});

describe('describeRequest', () => {
  it('keeps the query and survives bodies that are not JSON objects', () => {
    const azure = {
      ...request,
      url: 'https://r.openai.azure.com/openai/deployments/d/images/generations?api-version=v',
    };
    expect(describeRequest({ ...azure, body: '{"prompt": "x",' })).toBe(
      'POST /openai/deployments/d/images/generations?api-version=v',
    );
    expect(describeRequest({ ...request, method: 'GET', body: undefined })).toBe(
      'GET /v1/images/generations',
    );
    expect(describeRequest({ ...request, body: '[1]' })).toBe('POST /v1/images/generations');
  });
});

describe('holdLines', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('holds lines until released, then writes straight through', () => {
    const lines: string[] = [];
    const output = holdLines((line) => void lines.push(line), 1000);
    output.write('a');
    output.write('b');
    expect(lines).toEqual([]);
    output.release();
    output.write('c');
    expect(lines).toEqual(['a', 'b', 'c']);
  });

  it('counts the hold from start() when told to, so that planning does not use it up', () => {
    const lines: string[] = [];
    const output = holdLines((line) => void lines.push(line), 1000, { clock: 'on-start' });
    output.write('a');
    vi.advanceTimersByTime(5000);
    expect(lines).toEqual([]);
    output.start();
    vi.advanceTimersByTime(999);
    output.start();
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(lines).toEqual(['a']);
  });

  it('releases by itself after the hold, and drops everything once discarded', () => {
    const lines: string[] = [];
    const output = holdLines((line) => void lines.push(line), 1000);
    output.write('a');
    vi.advanceTimersByTime(1000);
    expect(lines).toEqual(['a']);
    const dropped = holdLines((line) => void lines.push(line), 1000);
    dropped.write('x');
    dropped.discard();
    dropped.write('y');
    dropped.release();
    vi.advanceTimersByTime(5000);
    expect(lines).toEqual(['a']);
  });
});
