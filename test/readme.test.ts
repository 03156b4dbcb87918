import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../src/faults/index.js';

/** The README is the first thing a new user runs code from: its links, snippets and tables must hold. */
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
/** The README without its fenced code blocks (a `#` in a shell block is not a heading). */
const PROSE = README.replace(/^```[\s\S]*?^```$/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation but hyphens dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- ]/gu, '')
    .replace(/ /g, '-');
}

function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  const end = README.indexOf('\n#', start + heading.length + 2);
  return README.slice(start, end < 0 ? undefined : end);
}

describe('README', () => {
  it('opens with a table of contents naming every section, and every link in it leads somewhere', () => {
    const headings = [...PROSE.matchAll(/^#{2,3} (.+)$/gm)].map((match) => anchorOf(match[1] ?? ''));
    const contents = README.slice(README.indexOf('**Contents**'), README.indexOf('\n## '));
    expect(contents.length).toBeGreaterThan(0);
    const listed = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
    expect(listed).toEqual(headings);
    for (const [, anchor] of README.matchAll(/\]\(#([^)]+)\)/g)) expect(headings).toContain(anchor);
  });

  it('imports, in each JavaScript snippet, everything the snippet uses', () => {
    const snippets = [...README.matchAll(/^```(?:js|ts)\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? '');
    expect(snippets.length).toBeGreaterThan(2);
    const names = ['OpenAI', 'startServer', 'createApp', 'loadSpec', 'defineContractSuite', 'afterAll'];
    for (const snippet of snippets) {
      const imported = [...snippet.matchAll(/^import (.+) from /gm)].map((match) => match[1] ?? '').join(' ');
      for (const name of names) {
        const used = new RegExp(`\\b${name}\\b`).test(snippet.replace(/^import .*$/gm, ''));
        if (used)
          expect(imported, `a snippet uses ${name}:\n${snippet}`).toMatch(new RegExp(`\\b${name}\\b`));
      }
    }
  });

  it('lists every scenario the server knows in the faults table', () => {
    const rows = [...section('### Faults on demand').matchAll(/^\| `([a-z_]+)` +\|/gm)].map(
      (match) => match[1],
    );
    expect(rows).toEqual([...SCENARIO_NAMES]);
  });

  it('calls the file the package grew from the original contract, not the seed', () => {
    expect(README).not.toMatch(/seed contract|seed's|seed-era/i);
  });
});
