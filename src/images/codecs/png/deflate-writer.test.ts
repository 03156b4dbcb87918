import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scene/prng.js';
import { createDeflateSymbolCounter, createDeflateWriter, MAX_DISTANCE } from './deflate-writer.js';

type Token = { kind: 'literal'; byte: number } | { kind: 'match'; length: number; distance: number };

/** Feeds tokens to the writer and, independently, expands them into the bytes they stand for. */
function encode(tokens: readonly Token[]): { deflated: Buffer; expected: Buffer } {
  const writer = createDeflateWriter();
  const bytes: number[] = [];
  for (const token of tokens) {
    if (token.kind === 'literal') {
      writer.literal(token.byte);
      bytes.push(token.byte);
    } else {
      writer.match(token.length, token.distance);
      for (let i = 0; i < token.length; i++) bytes.push(bytes[bytes.length - token.distance] ?? -1);
    }
  }
  return { deflated: writer.finish(), expected: Buffer.from(bytes) };
}

const literals = (values: Iterable<number>): Token[] =>
  Array.from(values, (byte) => ({ kind: 'literal', byte }) as const);

describe('createDeflateWriter', () => {
  it('writes every literal byte value', () => {
    const { deflated, expected } = encode(literals(Array.from({ length: 256 }, (_, i) => i)));
    expect(zlib.inflateRawSync(deflated).equals(expected)).toBe(true);
  });

  it('writes one final block with dynamic Huffman codes', () => {
    const first = encode([]).deflated[0] ?? 0;
    expect(first & 0b111).toBe(0b101); // BFINAL = 1, BTYPE = 10
  });

  it('writes every match length 3..258 at distance edge cases', () => {
    const rng = createPrng('deflate-lengths');
    const history = literals(Array.from({ length: MAX_DISTANCE }, () => rng.nextInt(0, 255)));
    const distances = [1, 2, 3, 4, 5, 6, 7, 8, 24, 192, 193, 4096, 24577, MAX_DISTANCE];
    const tokens: Token[] = [...history];
    for (let length = 3; length <= 258; length++) {
      for (const distance of distances) tokens.push({ kind: 'match', length, distance });
    }
    const { deflated, expected } = encode(tokens);
    expect(zlib.inflateRawSync(deflated).equals(expected)).toBe(true);
  });

  it('reaches back every distance 1..32768', () => {
    const rng = createPrng('deflate-every-distance');
    const history = literals(Array.from({ length: MAX_DISTANCE }, () => rng.nextInt(0, 255)));
    const tokens: Token[] = [...history];
    for (let distance = 1; distance <= MAX_DISTANCE; distance++)
      tokens.push({ kind: 'match', length: 3, distance });
    const { deflated, expected } = encode(tokens);
    expect(zlib.inflateRawSync(deflated).equals(expected)).toBe(true);
  });

  it('writes an empty stream', () => {
    expect(zlib.inflateRawSync(encode([]).deflated).length).toBe(0);
  });

  it.each([3, 4, 10, 11, 257, 258, 259, 260, 261, 516, 1000])('splits a match of length %i', (length) => {
    const tokens: Token[] = [...literals([7, 8, 9]), { kind: 'match', length, distance: 3 }];
    const { deflated, expected } = encode(tokens);
    expect(expected.length).toBe(3 + length);
    expect(zlib.inflateRawSync(deflated).equals(expected)).toBe(true);
  });

  it('reaches back every distance boundary up to 32768', () => {
    const rng = createPrng('deflate-distances');
    const history = literals(Array.from({ length: MAX_DISTANCE }, () => rng.nextInt(0, 255)));
    const distances = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 16385, 24576, 24577, 32767, MAX_DISTANCE];
    const tokens: Token[] = [
      ...history,
      ...distances.map((distance) => ({ kind: 'match', length: 3, distance }) as const),
    ];
    const { deflated, expected } = encode(tokens);
    expect(zlib.inflateRawSync(deflated).equals(expected)).toBe(true);
  });

  it('round-trips seeded random mixes of literals and matches', () => {
    const rng = createPrng('deflate-mix');
    for (let trial = 0; trial < 20; trial++) {
      const tokens: Token[] = [];
      let produced = 0;
      while (produced < 60000) {
        if (produced === 0 || rng.chance(0.4)) {
          tokens.push({ kind: 'literal', byte: rng.nextInt(0, 255) });
          produced++;
        } else {
          const length = rng.chance(0.5) ? rng.nextInt(3, 12) : rng.nextInt(3, 800);
          const distance = rng.nextInt(1, Math.min(produced, MAX_DISTANCE));
          tokens.push({ kind: 'match', length, distance });
          produced += length;
        }
      }
      const { deflated, expected } = encode(tokens);
      expect(zlib.inflateRawSync(deflated).equals(expected)).toBe(true);
    }
  });

  it('rejects matches deflate cannot express', () => {
    const writer = createDeflateWriter();
    writer.literal(1);
    expect(() => writer.match(2, 1)).toThrow(RangeError);
    expect(() => writer.match(3, 0)).toThrow(RangeError);
    expect(() => writer.match(3, MAX_DISTANCE + 1)).toThrow(RangeError);
  });
});

describe('createDeflateSymbolCounter', () => {
  it('counts the symbols a block is written with, long matches split as the writer splits them', () => {
    const counter = createDeflateSymbolCounter();
    counter.literal(0);
    counter.literal(0);
    counter.literal(200);
    // 600 = 258 + 258 + 84: length symbols 285, 285 and 278 (83..98), distance code 0 three times.
    counter.match(600, 1);
    // 259 = 256 + 3 (never a tail below 3): symbols 284 (227..257) and 257; distance 24577.. is code 29.
    counter.match(259, MAX_DISTANCE);
    expect(counter.finish()).toHaveLength(0);
    const nonZero = (counts: Float64Array): [number, number][] =>
      [...counts.entries()].filter(([, count]) => count > 0);
    expect(nonZero(counter.literalLengths)).toEqual([
      [0, 2],
      [200, 1],
      [256, 1],
      [257, 1],
      [278, 1],
      [284, 1],
      [285, 2],
    ]);
    expect(nonZero(counter.distances)).toEqual([
      [0, 3],
      [29, 2],
    ]);
    expect(() => counter.match(2, 1)).toThrow(RangeError);
  });
});
