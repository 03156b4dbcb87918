import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EDIT_PURPOSES, EDIT_REJECT_CASES } from '../engine/edit-steps.js';
import { REJECT_CASES } from '../engine/negative-corpus.js';
import { FREE_PURPOSES, GENERATIONS } from '../engine/plan-needs.js';
import { CHECK_IDS, CHECKS, listChecks, selectChecks } from './catalogue.js';

/** The README's "The checks" section: the table's ids and the `reject.` cases it lists after it. */
function readmeCheckIds(): string[] {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(
    readme.indexOf('### The checks'),
    readme.indexOf('\n## ', readme.indexOf('### The checks')),
  );
  const table = [...section.matchAll(/^\| `([^`]+)` +\|/gm)].map((match) => match[1] ?? '');
  const cases = /The `reject\.` cases: ([^]*?)\. A rejection/.exec(section)?.[1] ?? '';
  const rejects = [...cases.matchAll(/`([a-z-]+)`/g)].map((match) => `reject.${match[1] ?? ''}`);
  return [...table.filter((id) => id !== 'reject.<case>'), ...rejects];
}

describe('CHECKS', () => {
  it('has unique ids, each wanting at least one step, and only steps the planner makes', () => {
    expect(new Set(CHECK_IDS).size).toBe(CHECKS.length);
    const steps = new Set([
      ...FREE_PURPOSES,
      ...GENERATIONS.map((generation) => generation.purpose),
      ...EDIT_PURPOSES,
    ]);
    for (const check of CHECKS) {
      expect(check.needs.purposes.length, check.id).toBeGreaterThan(0);
      expect(
        check.needs.purposes.filter((purpose) => !steps.has(purpose)),
        check.id,
      ).toEqual([]);
    }
  });

  it('is exactly what the README lists: its checks table and its reject cases', () => {
    const listed = readmeCheckIds();
    expect(listed.filter((id) => id.startsWith('reject.'))).toEqual(
      [...REJECT_CASES, ...EDIT_REJECT_CASES].map(({ id }) => `reject.${id}`),
    );
    expect([...listed].sort()).toEqual([...CHECK_IDS].sort());
  });

  it('lists the checks as plain data, without their needs or evaluate', () => {
    const [first] = listChecks();
    expect(first).toEqual({
      id: 'response.schema',
      title: 'generation answers are 200, application/json and conform to openapi.yaml',
      severity: 'must',
    });
    expect(listChecks().map((check) => check.id)).toEqual(CHECK_IDS);
  });

  it('selects by id or prefix, in report order', () => {
    expect(selectChecks(['auth'], undefined).map((check) => check.id)).toEqual([
      'auth.missing-key',
      'auth.wrong-key',
    ]);
    expect(selectChecks(['image.'], ['image.url-fetch', 'image.distinct']).map((check) => check.id)).toEqual([
      'image.base64',
      'image.valid',
      'image.format',
      'image.dimensions',
    ]);
  });
});
