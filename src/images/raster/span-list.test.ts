import { describe, expect, it } from 'vitest';
import { createPrng } from '../scene/prng.js';
import { createSpanList, paintSpan, resetSpans, type SpanList } from './span-list.js';

function expandSpans(list: SpanList): number[] {
  const pixels: number[] = [];
  for (let i = 0; i < list.count; i++) {
    for (let x = list.starts[i] ?? 0; x < (list.ends[i] ?? 0); x++) pixels.push(list.paintIds[i] ?? -1);
  }
  return pixels;
}

describe('paintSpan', () => {
  it('matches painting pixel by pixel for random overlapping spans', () => {
    const rng = createPrng('span-list');
    for (let trial = 0; trial < 200; trial++) {
      const width = rng.nextInt(1, 60);
      const list = createSpanList(width);
      const pixels = new Array<number>(width).fill(0);
      resetSpans(list, 0);
      for (let op = 1; op < 40; op++) {
        const x0 = rng.nextInt(-10, width + 5);
        const x1 = x0 + rng.nextInt(-3, 30);
        paintSpan(list, x0, x1, op);
        for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) pixels[x] = op;
        expect(expandSpans(list)).toEqual(pixels);
      }
    }
  });

  it('keeps spans sorted, contiguous and non-empty', () => {
    const list = createSpanList(100);
    resetSpans(list, 0);
    paintSpan(list, 10, 20, 1);
    paintSpan(list, 15, 30, 2);
    paintSpan(list, 0, 5, 3);
    paintSpan(list, 95, 200, 4);
    const spans = Array.from({ length: list.count }, (_, i) => [
      list.starts[i],
      list.ends[i],
      list.paintIds[i],
    ]);
    expect(spans).toEqual([
      [0, 5, 3],
      [5, 10, 0],
      [10, 15, 1],
      [15, 30, 2],
      [30, 95, 0],
      [95, 100, 4],
    ]);
  });
});
