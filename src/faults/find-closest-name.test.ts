import { describe, expect, it } from 'vitest';
import { editDistance, findClosestName } from './find-closest-name.js';

const NAMES = ['code', 'scenario', 'delay'];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours', () => {
    expect(editDistance('scenario', 'scenario')).toBe(0);
    expect(editDistance('scenaro', 'scenario')).toBe(1);
    expect(editDistance('scenarioo', 'scenario')).toBe(1);
    expect(editDistance('scenerio', 'scenario')).toBe(1);
    expect(editDistance('dealy', 'delay')).toBe(1);
    expect(editDistance('', 'code')).toBe(4);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('findClosestName', () => {
  it('names the known name a slip away', () => {
    expect(findClosestName('scenaro', NAMES)).toBe('scenario');
    expect(findClosestName('senario', NAMES)).toBe('scenario');
    expect(findClosestName('scenarios', NAMES)).toBe('scenario');
    expect(findClosestName('Scenaro', NAMES)).toBe('scenario');
    expect(findClosestName('cdoe', NAMES)).toBe('code');
    expect(findClosestName('codes', NAMES)).toBe('code');
    expect(findClosestName('dely', NAMES)).toBe('delay');
  });

  it('allows two slips in a long name, one in a short one', () => {
    expect(findClosestName('senaryo', NAMES)).toBe('scenario');
    expect(findClosestName('cd', NAMES)).toBeUndefined();
  });

  it('suggests nothing when nothing is close, or when the word is already a name', () => {
    for (const word of ['colour', 'x', 'timeout', 'wait', 'return']) {
      expect(findClosestName(word, NAMES)).toBeUndefined();
    }
    expect(findClosestName('code', NAMES)).toBeUndefined();
  });

  it('counts a difference of case alone as one slip', () => {
    expect(findClosestName('Code', NAMES)).toBe('code');
    expect(findClosestName('SCENARIO', NAMES)).toBe('scenario');
  });
});
