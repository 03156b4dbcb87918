import { MAX_DISTANCE, type CodeSink } from './deflate-writer.js';

const MIN_MATCH = 3;

/**
 * Turns a description of bytes (single bytes, zero runs, periodic patterns) into deflate codes
 * whose number depends on the structure, not on the byte count:
 * - a zero run is one literal 0 (unless the byte before is 0) and matches at distance 1;
 * - `count` bytes of a period-`n` pattern are one period, then one match at distance `n`
 *   (the period is walked from non-zero byte to non-zero byte, its zeros being runs too).
 */
export interface RunEncoder {
  readonly byte: (value: number) => void;
  readonly zeros: (count: number) => void;
  /** `count` bytes of `pattern` repeated, starting at index `start` of it. */
  readonly periodic: (pattern: Uint8Array, start: number, count: number) => void;
  /** Writes out zeros still pending. */
  readonly flush: () => void;
}

export function createRunEncoder(sink: CodeSink): RunEncoder {
  let pendingZeros = 0;
  let lastIsZero = false;
  const skipTables = new Map<Uint8Array, Int32Array>();

  const flush = (): void => {
    if (pendingZeros === 0) return;
    let count = pendingZeros;
    pendingZeros = 0;
    if (!lastIsZero) {
      sink.literal(0);
      count--;
    }
    if (count >= MIN_MATCH) sink.match(count, 1);
    else for (; count > 0; count--) sink.literal(0);
    lastIsZero = true;
  };
  const byte = (value: number): void => {
    if (value === 0) {
      pendingZeros++;
      return;
    }
    flush();
    sink.literal(value);
    lastIsZero = false;
  };
  /** The bytes one by one, but jumping over zeros with the skip table. */
  const bytes = (pattern: Uint8Array, start: number, count: number): void => {
    let skips = skipTables.get(pattern);
    if (skips === undefined) {
      skips = measureZeroSkips(pattern);
      skipTables.set(pattern, skips);
    }
    const period = pattern.length;
    for (let done = 0, j = start; ;) {
      const gap = skips[j] ?? period;
      if (done + gap >= count) {
        pendingZeros += count - done;
        return;
      }
      pendingZeros += gap;
      j += gap;
      if (j >= period) j -= period;
      byte(pattern[j] ?? 0);
      done += gap + 1;
      j = j + 1 === period ? 0 : j + 1;
    }
  };

  return {
    byte,
    zeros(count) {
      pendingZeros += count;
    },
    periodic(pattern, start, count) {
      const period = pattern.length;
      if (period > MAX_DISTANCE || count < period + MIN_MATCH) {
        bytes(pattern, start, count);
        return;
      }
      bytes(pattern, start, period);
      flush();
      sink.match(count - period, period);
      lastIsZero = false; // not known here; at worst one extra literal 0 later
    },
    flush,
  };
}

/** For each index, how many zeros follow from it (cyclically) before a non-zero byte; `period` if none. */
function measureZeroSkips(pattern: Uint8Array): Int32Array {
  const period = pattern.length;
  const skips = new Int32Array(period).fill(period);
  const firstNonZero = pattern.findIndex((value) => value !== 0);
  if (firstNonZero < 0) return skips;
  // Walk backwards twice around the cycle so every index sees the next non-zero byte.
  let next = firstNonZero + period;
  for (let k = firstNonZero + period - 1; k >= 0; k--) {
    const j = k % period;
    if ((pattern[j] ?? 0) !== 0) {
      next = k;
      skips[j] = 0;
    } else {
      skips[j] = next - k;
    }
  }
  return skips;
}
