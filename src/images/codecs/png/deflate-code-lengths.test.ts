import { describe, expect, it } from 'vitest';
import {
  CODE_LENGTH_CODE_LENGTHS,
  CODE_LENGTH_ORDER,
  DISTANCE_CODE_LENGTHS,
  LITERAL_LENGTH_CODE_LENGTHS,
} from './deflate-code-lengths.js';

const kraftSum = (lengths: readonly number[]): number =>
  lengths.reduce((sum, length) => sum + (length > 0 ? 2 ** -length : 0), 0);

describe('deflate code lengths', () => {
  it('give every literal/length symbol 0..285 and distance code 0..29 a code', () => {
    expect(LITERAL_LENGTH_CODE_LENGTHS).toHaveLength(286);
    expect(DISTANCE_CODE_LENGTHS).toHaveLength(30);
    for (const length of [...LITERAL_LENGTH_CODE_LENGTHS, ...DISTANCE_CODE_LENGTHS]) {
      expect(length).toBeGreaterThanOrEqual(1);
      expect(length).toBeLessThanOrEqual(15);
    }
  });

  it('make complete prefix codes (Kraft sum exactly 1)', () => {
    expect(kraftSum(LITERAL_LENGTH_CODE_LENGTHS)).toBe(1);
    expect(kraftSum(DISTANCE_CODE_LENGTHS)).toBe(1);
    expect(kraftSum(CODE_LENGTH_CODE_LENGTHS)).toBe(1);
  });

  it('have a code-length code of at most 7 bits that covers every length used', () => {
    expect(CODE_LENGTH_CODE_LENGTHS).toHaveLength(19);
    expect([...CODE_LENGTH_ORDER].sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i));
    for (const length of CODE_LENGTH_CODE_LENGTHS) expect(length).toBeLessThanOrEqual(7);
    for (const length of [...LITERAL_LENGTH_CODE_LENGTHS, ...DISTANCE_CODE_LENGTHS]) {
      expect(CODE_LENGTH_CODE_LENGTHS[length]).toBeGreaterThan(0);
    }
  });

  it('favour the symbols of zero runs: literal 0, length 258 and distance 1', () => {
    expect(LITERAL_LENGTH_CODE_LENGTHS[0]).toBeLessThanOrEqual(3);
    expect(LITERAL_LENGTH_CODE_LENGTHS[285]).toBeLessThanOrEqual(3);
    expect(DISTANCE_CODE_LENGTHS[0]).toBe(1);
  });
});
