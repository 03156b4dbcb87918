import { describe, expect, it } from 'vitest';
import { findPromptMarkers, hasPromptMarker, stripPromptMarkers } from './prompt-markers.js';

describe('findPromptMarkers', () => {
  it('finds markers anywhere in the prompt, in order', () => {
    expect(findPromptMarkers('[mock:code=429] a fox in the snow [mock:delay=1500]')).toEqual([
      { name: 'code', value: '429' },
      { name: 'delay', value: '1500' },
    ]);
  });

  it('reads several directives of one marker, spaces and case forgiven', () => {
    expect(findPromptMarkers('a fox [MOCK: Scenario = moderation , delay=10 ]')).toEqual([
      { name: 'scenario', value: 'moderation' },
      { name: 'delay', value: '10' },
    ]);
  });

  it('keeps a directive without a value, to be reported', () => {
    expect(findPromptMarkers('[mock:delay]')).toEqual([{ name: 'delay', value: '' }]);
  });

  it('ignores text that is not a marker', () => {
    for (const prompt of ['a [mock] up', '[mockup:code=429]', 'mock:code=429', '[mock:code=429', '[mock:]']) {
      expect(findPromptMarkers(prompt)).toEqual([]);
    }
  });
});

describe('stripPromptMarkers', () => {
  it('removes the markers and the spaces before them', () => {
    expect(stripPromptMarkers('a fox [mock:delay=1500] in snow')).toBe('a fox in snow');
    expect(stripPromptMarkers('[mock:code=429] a fox')).toBe('a fox');
    expect(stripPromptMarkers('a fox [mock:code=429][mock:delay=1]')).toBe('a fox');
  });

  it('leaves a prompt without markers exactly as it is', () => {
    expect(stripPromptMarkers('  a fox\n\n in [snow]  ')).toBe('  a fox\n\n in [snow]  ');
    expect(hasPromptMarker('a fox [snow]')).toBe(false);
    expect(hasPromptMarker('a fox [Mock:code=429]')).toBe(true);
  });

  it('answers the same on repeated calls (no regex state carried over)', () => {
    expect([1, 2, 3].map(() => hasPromptMarker('x [mock:code=429]'))).toEqual([true, true, true]);
  });
});
