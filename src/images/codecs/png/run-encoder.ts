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
  byte(value: number): void;
  zeros(count: number): void;
  /** `count` bytes of `pattern` repeated, starting at index `start` of it. */
  periodic(pattern: Uint8Array, start: number, count: number): void;
  /** Writes out zeros still pending. */
  flush(): void;
}

export function createRunEncoder(sink: CodeSink): RunEncoder {
  return new ZeroRunEncoder(sink);
}

class ZeroRunEncoder implements RunEncoder {
  private pendingZeros = 0;
  private lastIsZero = false;
  private readonly skipTables = new Map<Uint8Array, Int32Array>();
  // One-entry cache in front of the map: consecutive spans usually share a pattern.
  private lastPattern: Uint8Array | undefined = undefined;
  private lastSkips: Int32Array = new Int32Array(0);

  constructor(private readonly sink: CodeSink) {}

  byte(value: number): void {
    if (value === 0) {
      this.pendingZeros++;
      return;
    }
    if (this.pendingZeros !== 0) this.flush();
    this.sink.literal(value);
    this.lastIsZero = false;
  }

  zeros(count: number): void {
    this.pendingZeros += count;
  }

  periodic(pattern: Uint8Array, start: number, count: number): void {
    const period = pattern.length;
    if (period > MAX_DISTANCE || count < period + MIN_MATCH) {
      this.bytes(pattern, start, count);
      return;
    }
    this.bytes(pattern, start, period);
    this.flush();
    this.sink.match(count - period, period);
    this.lastIsZero = false; // not known here; at worst one extra literal 0 later
  }

  flush(): void {
    if (this.pendingZeros === 0) return;
    let count = this.pendingZeros;
    this.pendingZeros = 0;
    if (!this.lastIsZero) {
      this.sink.literal(0);
      count--;
    }
    if (count >= MIN_MATCH) this.sink.match(count, 1);
    else for (; count > 0; count--) this.sink.literal(0);
    this.lastIsZero = true;
  }

  /** The bytes one by one, but jumping over zeros with the skip table. */
  private bytes(pattern: Uint8Array, start: number, count: number): void {
    const skips = this.findSkips(pattern);
    const period = pattern.length;
    for (let done = 0, j = start; ;) {
      const gap = skips[j] ?? period;
      if (done + gap >= count) {
        this.pendingZeros += count - done;
        return;
      }
      this.pendingZeros += gap;
      j += gap;
      if (j >= period) j -= period;
      this.byte(pattern[j] ?? 0);
      done += gap + 1;
      j = j + 1 === period ? 0 : j + 1;
    }
  }

  private findSkips(pattern: Uint8Array): Int32Array {
    if (pattern === this.lastPattern) return this.lastSkips;
    let skips = this.skipTables.get(pattern);
    if (skips === undefined) {
      skips = measureZeroSkips(pattern);
      this.skipTables.set(pattern, skips);
    }
    this.lastPattern = pattern;
    this.lastSkips = skips;
    return skips;
  }
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
