import { createHash } from 'node:crypto';

/** A small seeded generator (sfc32). Its state lives in the closure, never in module scope. */
export interface Prng {
  /** Uniform in [0, 1). */
  nextFloat(): number;
  /** Uniform in [min, max). */
  nextRange(min: number, max: number): number;
  /** Uniform integer in [min, max] (both inclusive). */
  nextInt(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** Seeds sfc32 with the first 128 bits of SHA-256(key). */
export function createPrng(key: string): Prng {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextUint32();

  const nextFloat = (): number => nextUint32() / 0x1_0000_0000;
  return {
    nextFloat,
    nextRange: (min, max) => min + (max - min) * nextFloat(),
    nextInt: (min, max) => min + Math.floor((max - min + 1) * nextFloat()),
    chance: (p) => nextFloat() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(items.length * nextFloat())];
      if (item === undefined) throw new RangeError('Cannot pick from an empty list');
      return item;
    },
  };
}
