import { describe, expect, it } from 'vitest';
import { base64Problem } from './base64.js';

const plain = Buffer.from(
  'any bytes \u00ff\u00fe at all, long enough to wrap past 76 characters of base64 text',
).toString('base64');

describe('base64Problem', () => {
  it('accepts plain, canonical base64 of any length', () => {
    for (const length of [1, 2, 3, 4, 100]) {
      expect(base64Problem(Buffer.alloc(length, 0xfb).toString('base64'))).toBeUndefined();
    }
    expect(base64Problem(plain)).toBeUndefined();
  });

  it.each([
    ['a data URI prefix', `data:image/png;base64,${plain}`, /data URI prefix/],
    ['MIME line breaks', `${plain.slice(0, 76)}\r\n${plain.slice(76)}`, /line break/],
    ['a trailing newline', `${plain}\n`, /line break/],
    ['spaces', `${plain.slice(0, 8)} ${plain.slice(8)}`, /whitespace/],
    ['the base64url alphabet', Buffer.alloc(30, 0xfb).toString('base64url'), /base64url/],
    ['missing padding', Buffer.alloc(4, 1).toString('base64').replace(/=+$/, ''), /multiple of 4/],
    ['padding in the middle', 'AA==AAAA', /padding/],
    ['non-canonical padding bits', 'AB==', /canonical/],
    ['characters outside the alphabet', 'AAAA*AAA', /outside the base64 alphabet/],
    ['an empty string', '', /empty/],
  ])('faults %s', (_name, value, reason) => {
    expect(base64Problem(value)).toMatch(reason);
  });
});
