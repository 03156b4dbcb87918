import { describe, expect, it } from 'vitest';
import { parsePreferHeader } from './prefer-header.js';

const parse = (header: string | readonly string[] | undefined): Record<string, string> =>
  Object.fromEntries(parsePreferHeader(header));

describe('parsePreferHeader', () => {
  it('reads one preference and several, comma-separated', () => {
    expect(parse('code=429')).toEqual({ code: '429' });
    expect(parse('code=500, delay=100')).toEqual({ code: '500', delay: '100' });
  });

  it('ignores whitespace around names, equals signs and values (BWS, OWS)', () => {
    expect(parse('  code = 429 ,delay=  100  ')).toEqual({ code: '429', delay: '100' });
    expect(parse('code=429,\tdelay=100')).toEqual({ code: '429', delay: '100' });
  });

  it('lower-cases names and keeps the case of values', () => {
    expect(parse('Code=429, SCENARIO=Rate_Limit')).toEqual({ code: '429', scenario: 'Rate_Limit' });
  });

  it('unquotes quoted-string values, escapes included, and keeps commas and semicolons inside quotes', () => {
    expect(parse('delay="250"')).toEqual({ delay: '250' });
    expect(parse('example="a, b; c", code=429')).toEqual({ example: 'a, b; c', code: '429' });
    expect(parse('example="say \\"hi\\"", code=401')).toEqual({ example: 'say "hi"', code: '401' });
  });

  it('drops parameters after a semicolon', () => {
    expect(parse('code=429; foo=bar; baz, delay=5')).toEqual({ code: '429', delay: '5' });
  });

  it('keeps only the first instance of a preference (RFC 7240 section 2)', () => {
    expect(parse('code=429, code=500')).toEqual({ code: '429' });
    expect(parse('CODE=429, code=500')).toEqual({ code: '429' });
  });

  it('keeps other preferences, valueless ones as empty strings, for the caller to ignore', () => {
    expect(parse('respond-async, wait=10, return=minimal')).toEqual({
      'respond-async': '',
      wait: '10',
      return: 'minimal',
    });
  });

  it('skips empty list elements and joins several header lines into one list', () => {
    expect(parse(',, code=429 ,')).toEqual({ code: '429' });
    expect(parse(['code=429', 'delay=10'])).toEqual({ code: '429', delay: '10' });
    expect(parse(['code=429', 'code=500'])).toEqual({ code: '429' });
  });

  it('reads nothing from an absent or empty header', () => {
    expect(parse(undefined)).toEqual({});
    expect(parse('')).toEqual({});
    expect(parse('   ')).toEqual({});
  });

  it('keeps an empty value and a lone quote as they are', () => {
    expect(parse('delay=')).toEqual({ delay: '' });
    expect(parse('delay="')).toEqual({ delay: '"' });
  });
});
