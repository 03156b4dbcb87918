import { describe, expect, it } from 'vitest';
import type { ImageParams } from './image-params.js';
import { chooseLabelScale, excerptPrompt, layoutLabel, truncateText, wrapText } from './label.js';
import { createFlatPaint } from './paint.js';

const PARAMS: ImageParams = {
  model: 'dall-e-3',
  prompt: 'a cat',
  width: 256,
  height: 256,
  quality: 'standard',
  style: 'vivid',
  index: 0,
};
const PLATE = createFlatPaint(0x101010);
const INK = createFlatPaint(0xf0f0f0);

describe('chooseLabelScale', () => {
  it('is 1 at 256 px, 2 from 512 to 1024 px, 3 at 1792 px and grows for 4K', () => {
    expect(chooseLabelScale(256, 256)).toBe(1);
    expect(chooseLabelScale(512, 512)).toBe(2);
    expect(chooseLabelScale(1024, 1024)).toBe(2);
    expect(chooseLabelScale(1024, 1792)).toBe(2);
    expect(chooseLabelScale(1792, 1024)).toBe(3);
    expect(chooseLabelScale(3840, 2160)).toBeGreaterThanOrEqual(5);
  });

  it('stays small for short banners', () => {
    expect(chooseLabelScale(1792, 200)).toBe(1);
  });
});

describe('excerptPrompt', () => {
  it('collapses whitespace and shows non-ASCII characters as ?', () => {
    expect(excerptPrompt('  café\n\tau   lait 🦊 ', 60)).toBe('caf? au lait ?');
  });

  it('cuts long prompts at a word boundary and adds ...', () => {
    const excerpt = excerptPrompt('word '.repeat(100), 60);
    expect(excerpt.length).toBeLessThanOrEqual(60);
    expect(excerpt.endsWith(' word...')).toBe(true);
  });

  it('keeps a prompt of exactly the limit without ...', () => {
    expect(excerptPrompt('x'.repeat(60), 60)).toBe('x'.repeat(60));
    expect(excerptPrompt('x'.repeat(61), 60)).toBe(`${'x'.repeat(57)}...`);
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries and splits words longer than a line', () => {
    expect(wrapText('the quick brown fox', 9, 3)).toEqual(['the quick', 'brown fox']);
    expect(wrapText('abcdefghijkl', 5, 3)).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('ends the last kept line with ... when there are more lines', () => {
    expect(wrapText('one two three four five six', 7, 2)).toEqual(['one two', 'thre...']);
  });

  it('returns no lines for empty text or no room', () => {
    expect(wrapText('', 10, 3)).toEqual([]);
    expect(wrapText('text', 10, 0)).toEqual([]);
  });
});

describe('truncateText', () => {
  it('leaves short text alone and marks cut text with ...', () => {
    expect(truncateText('short', 10)).toBe('short');
    expect(truncateText('much too long', 8)).toBe('much ...');
  });
});

describe('layoutLabel', () => {
  it('fits a long prompt inside a 256x256 image, at most 3 prompt lines plus the info line', () => {
    const label = layoutLabel({ ...PARAMS, prompt: 'lorem ipsum dolor '.repeat(300) }, PLATE, INK);
    expect(label).toBeDefined();
    if (label === undefined) return;
    expect(label.lines.length).toBeLessThanOrEqual(4);
    expect(label.lines.at(-1)).toBe('256x256  standard  vivid  #1');
    expect(label.lines.at(-2)?.endsWith('...')).toBe(true);
    expect(label.x).toBeGreaterThanOrEqual(0);
    expect(label.y).toBeGreaterThanOrEqual(0);
    expect(label.x + label.width).toBeLessThanOrEqual(256);
    expect(label.y + label.height).toBeLessThanOrEqual(256);
  });

  it('shows only the info line for a blank prompt', () => {
    expect(layoutLabel({ ...PARAMS, prompt: ' ' }, PLATE, INK)?.lines).toEqual([
      '256x256  standard  vivid  #1',
    ]);
  });

  it('sanitises and shortens unknown quality and style strings', () => {
    const label = layoutLabel({ ...PARAMS, quality: 'ultra-mega-quality', style: 'naïve' }, PLATE, INK);
    expect(label?.lines.at(-1)).toBe('256x256  ultra-meg...  na?ve  #1');
  });

  it('drops prompt lines on short images and omits the label when nothing fits', () => {
    const short = layoutLabel({ ...PARAMS, width: 400, height: 24, prompt: 'some words here' }, PLATE, INK);
    expect(short?.lines).toHaveLength(1);
    expect(layoutLabel({ ...PARAMS, width: 4, height: 4 }, PLATE, INK)).toBeUndefined();
  });
});
