import { describe, expect, it } from 'vitest';
import { GLYPH_HEIGHT, GLYPH_WIDTH, readGlyphRow, toPrintableAscii } from './bitmap-font.js';

const PRINTABLE = Array.from({ length: 95 }, (_, i) => i + 32);
const glyphOf = (code: number): number[] =>
  Array.from({ length: GLYPH_HEIGHT }, (_, row) => readGlyphRow(code, row));

describe('bitmap font', () => {
  it('has a visible glyph for every printable character except space', () => {
    for (const code of PRINTABLE) {
      const lit = glyphOf(code).some((bits) => bits !== 0);
      expect(lit, String.fromCharCode(code)).toBe(code !== 32);
    }
  });

  it('keeps every glyph within 5 columns', () => {
    for (const code of PRINTABLE) {
      for (const bits of glyphOf(code)) expect(bits).toBeLessThan(1 << GLYPH_WIDTH);
    }
  });

  it('draws every character differently', () => {
    const shapes = new Set(PRINTABLE.map((code) => glyphOf(code).join(',')));
    expect(shapes.size).toBe(PRINTABLE.length);
  });

  it('uses the descender row only for g j p q y , ;', () => {
    const descending = PRINTABLE.filter((code) => readGlyphRow(code, GLYPH_HEIGHT - 1) !== 0);
    expect(String.fromCharCode(...descending)).toBe(',;gjpqy');
  });

  it('draws unknown characters as ?', () => {
    expect(glyphOf(0x263a)).toEqual(glyphOf(63));
    expect(glyphOf(10)).toEqual(glyphOf(63));
  });

  it('maps text to printable ASCII, whitespace to spaces, one ? per code point', () => {
    expect(toPrintableAscii('a\tb\nc 🦊 é')).toBe('a b c ? ?');
  });
});
