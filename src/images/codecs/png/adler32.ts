/**
 * Adler-32 (the zlib stream checksum) computed from a summary of each row instead of its
 * bytes: our rows are mostly zeros, so summing only the bytes we write is far cheaper than
 * reading every byte back.
 *
 * For bytes v[0..n-1] appended to a state (a, b): a' = a + S and b' = b + n * a + W, with
 * S = sum of v[i] and W = sum of (n - i) * v[i], all mod 65521.
 */
export const ADLER_BASE = 65521;

export interface AdlerState {
  a: number;
  b: number;
}

/** The sums S and W of a run of bytes (mod ADLER_BASE), as defined above for its own length. */
export interface ByteSums {
  sum: number;
  weighted: number;
}

/** Prefix sums of one period of a repeating byte pattern, for summing any stretch of it in O(1). */
export interface PeriodicSums {
  readonly period: number;
  /** total[j] = sum of bytes 0..j-1 */
  readonly total: Float64Array;
  /** moment[j] = sum of i * byte i for i in 0..j-1 */
  readonly moment: Float64Array;
  /** total[period] and moment[period] mod ADLER_BASE: the sums of one whole period. */
  readonly cycleSum: number;
  readonly cycleMoment: number;
}

export function createAdlerState(): AdlerState {
  return { a: 1, b: 0 };
}

/** Appends `length` bytes summarised by `sums` to the checksum state. */
export function extendAdler(state: AdlerState, length: number, sums: ByteSums): void {
  const { a } = state;
  state.a = (a + sums.sum) % ADLER_BASE;
  state.b = (state.b + (((length % ADLER_BASE) * a) % ADLER_BASE) + sums.weighted) % ADLER_BASE;
}

export function readAdler(state: AdlerState): number {
  return ((state.b << 16) | state.a) >>> 0;
}

export function createPeriodicSums(pattern: Uint8Array): PeriodicSums {
  const period = pattern.length;
  const total = new Float64Array(period + 1);
  const moment = new Float64Array(period + 1);
  for (let i = 0; i < period; i++) {
    const value = pattern[i] ?? 0;
    total[i + 1] = (total[i] ?? 0) + value;
    moment[i + 1] = (moment[i] ?? 0) + i * value;
  }
  return {
    period,
    total,
    moment,
    cycleSum: (total[period] ?? 0) % ADLER_BASE,
    cycleMoment: (moment[period] ?? 0) % ADLER_BASE,
  };
}

/**
 * For the `length` bytes pattern[(phase + t) % period], t = 0..length-1, writes the sum of bytes to
 * `out.sum` and the sum of t * byte to `out.weighted`, both mod ADLER_BASE. It fills `out` rather
 * than returning a pair so the per-span hot path allocates nothing.
 *
 * Every term is a whole number below 2^53 for runs and periods of up to 2^20 bytes (PNG rows have
 * at most 32769), so the sums are exact in doubles and reduced once at the end: a remainder of a
 * double is a slow operation, and this runs once per patterned span.
 */
export function sumPeriodic(sums: PeriodicSums, phase: number, length: number, out: ByteSums): void {
  const { period, total, moment } = sums;
  const first = Math.min(length, period - phase);
  const firstSum = (total[phase + first] ?? 0) - (total[phase] ?? 0);
  let sum = firstSum;
  let weighted = (moment[phase + first] ?? 0) - (moment[phase] ?? 0) - phase * firstSum;
  const rest = length - first;
  const cycles = Math.floor(rest / period);
  if (cycles > 0) {
    // cycle r starts at t = first + r * period: sum over r of (first + r * period) * S + M
    const offsets = (cycles * first + (period * cycles * (cycles - 1)) / 2) % ADLER_BASE;
    sum += cycles * sums.cycleSum;
    weighted += offsets * sums.cycleSum + cycles * sums.cycleMoment;
  }
  const tail = rest - cycles * period;
  if (tail > 0) {
    const tailSum = total[tail] ?? 0;
    sum += tailSum;
    weighted += (first + cycles * period) * tailSum + (moment[tail] ?? 0);
  }
  out.sum = sum % ADLER_BASE;
  out.weighted = weighted % ADLER_BASE;
}
