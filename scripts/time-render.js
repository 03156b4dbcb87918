/**
 * Times renderImage on PNGs: 60 renders of 1024x1024 on distinct prompts (the median of the last 40,
 * after warm-up), the same with a transparent background (RGBA rows), and 3840x2160 on gpt-image-2.
 * Given a second build, it renders every params with both, alternating which goes first, and prints
 * the median of the per-render ratios too: a comparison that shrugs off a busy machine.
 *
 *   npm run build && node scripts/time-render.js [--times N] [dist/images/index.js] [other/build/images/index.js]
 *
 * --times N renders N times as many of each case (and keeps N times as many): steadier medians.
 */
import { resolve } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const timesAt = args.indexOf('--times');
const times = timesAt < 0 ? 1 : Math.max(1, Number(args.splice(timesAt, 2)[1]) || 1);
const paths = args.length > 0 ? args : ['dist/images/index.js'];
/** @type {{ renderImage: (params: import('../dist/images/index.js').RenderParams) => Buffer }[]} */
const builds = await Promise.all(paths.map((path) => import(pathToFileURL(resolve(path)).href)));

/** @param {number[]} values */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** @type {[string, number, number, (i: number) => import('../dist/images/index.js').RenderParams][]} */
const cases = [
  ['1024x1024 png', 60, 40, (i) => params('gpt-image-1', 1024, 1024, i)],
  [
    '1024x1024 png transparent',
    60,
    40,
    (i) => ({ ...params('gpt-image-1', 1024, 1024, i), background: 'transparent' }),
  ],
  ['3840x2160 png', 20, 12, (i) => params('gpt-image-2', 3840, 2160, i)],
];

/** @param {string} model @param {number} width @param {number} height @param {number} i */
function params(model, width, height, i) {
  const quality = i % 2 === 0 ? 'medium' : 'high';
  return {
    model,
    prompt: `a lighthouse on a cliff at dawn, take ${i}`,
    width,
    height,
    quality,
    style: 'vivid',
    index: 0,
  };
}

for (const [name, baseCount, baseKept, make] of cases) {
  const [count, kept] = [baseCount * times, baseKept * times];
  const durations = builds.map(() => /** @type {number[]} */ ([]));
  for (let i = 0; i < count; i++) {
    const order = i % 2 === 0 ? builds.map((_, b) => b) : builds.map((_, b) => builds.length - 1 - b);
    for (const b of order) {
      const start = process.hrtime.bigint();
      builds[b]?.renderImage(make(i));
      durations[b]?.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  const last = durations.map((list) => list.slice(-kept));
  const medians = last.map((list) => `${median(list).toFixed(2)} ms`).join('  vs  ');
  const first = last[0] ?? [];
  const ratio =
    builds.length === 2
      ? `  (median ratio ${median((last[1] ?? []).map((t, i) => t / (first[i] ?? 1))).toFixed(3)})`
      : '';
  process.stdout.write(`${name.padEnd(26)} median of last ${kept} of ${count}: ${medians}${ratio}\n`);
}
