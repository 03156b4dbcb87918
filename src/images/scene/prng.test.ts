import { describe, expect, it } from 'vitest';
import { createPrng } from './prng.js';

describe('createPrng', () => {
  it('repeats the same sequence for the same key', () => {
    const a = createPrng('key');
    const b = createPrng('key');
    expect(Array.from({ length: 50 }, () => a.nextFloat())).toEqual(
      Array.from({ length: 50 }, () => b.nextFloat()),
    );
  });

  it('gives a different sequence for a different key', () => {
    const a = createPrng('key');
    const b = createPrng('key2');
    expect(Array.from({ length: 5 }, () => a.nextFloat())).not.toEqual(
      Array.from({ length: 5 }, () => b.nextFloat()),
    );
  });

  it('is pinned: the first values never change (images would change with them)', () => {
    const rng = createPrng('imagegen-mock');
    expect(Array.from({ length: 4 }, () => rng.nextInt(0, 999))).toEqual(PINNED);
  });

  it('keeps nextInt within its inclusive bounds and reaches both ends', () => {
    const rng = createPrng('bounds');
    const seen = new Set(Array.from({ length: 2000 }, () => rng.nextInt(3, 7)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('throws when picking from an empty list', () => {
    expect(() => createPrng('x').pick([])).toThrow(RangeError);
  });
});

const PINNED = [366, 411, 762, 719];
