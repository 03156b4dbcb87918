import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/ form no cycle: each top-level folder (http, faults, images...) and each file directly
 * in src/ (cli.ts, config.ts...) is a node; a relative import from one node's files into another's is an
 * edge, type-only imports included, since they tie the layers together just as much.
 */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** The relative specifiers a file imports or re-exports, statically or with `import()`. */
export function relativeImports(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

/** The node a path under src/ belongs to: its top-level folder, or the file itself. */
function nodeOf(path: string): string {
  const [first = '', ...rest] = relative(SRC, path).split(sep);
  return rest.length > 0 ? `${first}/` : first.replace(/\.js$/, '.ts');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Edges between nodes, each with one import that makes it, for the message. */
function layerGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = nodeOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    for (const specifier of relativeImports(readFileSync(file, 'utf8'))) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(SRC + sep)) continue;
      const to = nodeOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${relative(SRC, file)} imports '${specifier}'`);
    }
  }
  return graph;
}

/** One cycle of the graph, as the list of its edges' explanations, or undefined. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        return cycle.slice(1).map((to, index) => graph.get(cycle[index]!)!.get(to)!);
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    state.set(node, 'done');
    path.pop();
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.has(node)) continue;
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

describe('architecture', () => {
  it('has no import cycle between the top-level folders and files of src/', () => {
    const cycle = findCycle(layerGraph());
    expect(cycle, `import cycle:\n  ${cycle?.join('\n  ')}`).toBeUndefined();
  });

  it('finds a cycle when there is one, and reads every form of import', () => {
    const graph = new Map([
      ['a/', new Map([['b.ts', 'a/x.ts imports ../b.js']])],
      ['b.ts', new Map([['a/', "b.ts imports './a/x.js'"]])],
    ]);
    expect(findCycle(graph)).toEqual(['a/x.ts imports ../b.js', "b.ts imports './a/x.js'"]);
    const source = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c/index.js';",
      "import './side-effect.js';",
      "const d = await import('./d.js');",
      "import { e } from 'express';",
    ].join('\n');
    expect(relativeImports(source)).toEqual([
      './a.js',
      '../b.js',
      './c/index.js',
      './side-effect.js',
      './d.js',
    ]);
  });
});
