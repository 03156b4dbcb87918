/**
 * The spans of one scanline: sorted, non-overlapping, together covering [0, width), each at
 * least one pixel wide. Paints are referred to by id (an index into the caller's paint table)
 * so every array is a typed array and inserting a span is a native memmove.
 */
export interface SpanList {
  readonly width: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly paintIds: Int32Array;
  count: number;
}

export function createSpanList(width: number): SpanList {
  return {
    width,
    starts: new Int32Array(width + 2),
    ends: new Int32Array(width + 2),
    paintIds: new Int32Array(width + 2),
    count: 0,
  };
}

/** Makes the whole row one span of `paintId`. */
export function resetSpans(list: SpanList, paintId: number): void {
  list.starts[0] = 0;
  list.ends[0] = list.width;
  list.paintIds[0] = paintId;
  list.count = 1;
}

/**
 * Paints [x0, x1) (clipped to the row) over the existing spans: the spans it covers are
 * replaced, the ones it cuts are trimmed. Binary search plus one memmove of the tail.
 */
export function paintSpan(list: SpanList, x0: number, x1: number, paintId: number): void {
  const a = Math.max(0, x0);
  const b = Math.min(list.width, x1);
  if (b <= a || list.count === 0) return;
  const { starts, ends, paintIds } = list;
  const first = findFirstEndAbove(ends, 0, list.count - 1, a);
  const last = findFirstEndAbove(ends, first, list.count - 1, b - 1);
  const leftStart = starts[first] ?? 0;
  const leftPaint = paintIds[first] ?? 0;
  const rightEnd = ends[last] ?? 0;
  const rightPaint = paintIds[last] ?? 0;
  const hasLeft = leftStart < a;
  const hasRight = rightEnd > b;
  const inserted = 1 + (hasLeft ? 1 : 0) + (hasRight ? 1 : 0);
  const removed = last - first + 1;
  if (inserted !== removed) moveTail(list, last + 1, first + inserted);
  list.count += inserted - removed;
  let k = first;
  if (hasLeft) {
    starts[k] = leftStart;
    ends[k] = a;
    paintIds[k] = leftPaint;
    k++;
  }
  starts[k] = a;
  ends[k] = b;
  paintIds[k] = paintId;
  if (hasRight) {
    starts[k + 1] = b;
    ends[k + 1] = rightEnd;
    paintIds[k + 1] = rightPaint;
  }
}

/**
 * Moves spans [from, count) to start at `to`. Rows hold a handful of spans, so a plain loop
 * beats three native copyWithin calls.
 */
function moveTail(list: SpanList, from: number, to: number): void {
  const { starts, ends, paintIds, count } = list;
  if (to < from) {
    for (let i = from, j = to; i < count; i++, j++) {
      starts[j] = starts[i] ?? 0;
      ends[j] = ends[i] ?? 0;
      paintIds[j] = paintIds[i] ?? 0;
    }
  } else {
    for (let i = count - 1, j = to + count - 1 - from; i >= from; i--, j--) {
      starts[j] = starts[i] ?? 0;
      ends[j] = ends[i] ?? 0;
      paintIds[j] = paintIds[i] ?? 0;
    }
  }
}

/** Index of the first span in [lo, hi] whose end is above x (hi if none). */
function findFirstEndAbove(ends: Int32Array, lo: number, hi: number, x: number): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((ends[mid] ?? 0) > x) high = mid;
    else low = mid + 1;
  }
  return low;
}
