import { GLYPH_HEIGHT, GLYPH_WIDTH, readGlyphRow, toPrintableAscii } from './bitmap-font.js';
import type { ImageParams } from './image-params.js';
import type { RunSink } from './layer.js';
import type { Paint } from './paint.js';

/** A text plate near the bottom-left corner: lines of bitmap text in `ink` on a solid `plate`. */
export interface Label {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly padding: number;
  readonly lines: readonly string[];
  readonly plate: Paint;
  readonly ink: Paint;
}

const CELL_WIDTH = GLYPH_WIDTH + 1;
const LINE_HEIGHT = GLYPH_HEIGHT + 2;
const PROMPT_EXCERPT_CHARS = 60;
const WRAP_CHARS = 36;
const MAX_PROMPT_LINES = 3;

/** Lays out the prompt excerpt and a size/quality/style/index line; undefined if nothing fits. */
export function layoutLabel(params: ImageParams, plate: Paint, ink: Paint): Label | undefined {
  const { width, height } = params;
  const scale = chooseLabelScale(width, height);
  const margin = Math.max(1, Math.round(Math.min(width, height) * 0.03));
  const padding = 3 * scale;
  const maxChars = Math.floor((width - 2 * margin - 2 * padding + scale) / (CELL_WIDTH * scale));
  const maxLines = Math.floor((height - 2 * margin - 2 * padding + 2 * scale) / (LINE_HEIGHT * scale));
  if (maxChars < 1 || maxLines < 1) return undefined;

  const info = [
    `${width}x${height}`,
    truncateText(toPrintableAscii(params.quality), 12),
    truncateText(toPrintableAscii(params.style), 12),
    `#${params.index + 1}`,
  ].join('  ');
  const promptLines = wrapText(
    excerptPrompt(params.prompt, PROMPT_EXCERPT_CHARS),
    Math.min(maxChars, WRAP_CHARS),
    Math.min(MAX_PROMPT_LINES, maxLines - 1),
  );
  const lines = [...promptLines, truncateText(info, maxChars)];
  const longest = Math.max(...lines.map((line) => line.length));
  const plateWidth = longest * CELL_WIDTH * scale - scale + 2 * padding;
  const plateHeight = lines.length * LINE_HEIGHT * scale - 2 * scale + 2 * padding;
  return {
    x: margin,
    y: height - margin - plateHeight,
    width: plateWidth,
    height: plateHeight,
    scale,
    padding,
    lines,
    plate,
    ink,
  };
}

/** Integer text scale: 1 below 480 px wide, 2 up to ~1400 px, then growing; capped for short images. */
export function chooseLabelScale(width: number, height: number): number {
  const byWidth = width < 480 ? 1 : Math.max(2, Math.round(width / 560));
  return Math.max(1, Math.min(byWidth, Math.floor(Math.min(width, height) / 200)));
}

/** Emits the plate and glyph runs of row `y`, left to right. */
export function traceLabelRow(label: Label, y: number, emit: RunSink): void {
  const right = label.x + label.width;
  if (y < label.y || y >= label.y + label.height) return;
  const { scale } = label;
  const inner = y - label.y - label.padding;
  const line = label.lines[Math.floor(inner / (LINE_HEIGHT * scale))];
  const glyphRow = Math.floor((inner % (LINE_HEIGHT * scale)) / scale);
  if (inner < 0 || line === undefined || glyphRow >= GLYPH_HEIGHT) {
    emit(label.x, right, label.plate);
    return;
  }
  let cursor = label.x;
  for (let i = 0; i < line.length; i++) {
    const bits = readGlyphRow(line.charCodeAt(i), glyphRow);
    const left = label.x + label.padding + i * CELL_WIDTH * scale;
    let column = 0;
    while (column < GLYPH_WIDTH) {
      if ((bits & (0x10 >> column)) === 0) {
        column++;
        continue;
      }
      const first = column;
      while (column < GLYPH_WIDTH && (bits & (0x10 >> column)) !== 0) column++;
      emit(cursor, left + first * scale, label.plate);
      emit(left + first * scale, left + column * scale, label.ink);
      cursor = left + column * scale;
    }
  }
  emit(cursor, right, label.plate);
}

/** The first `limit` printable characters of the prompt, whitespace collapsed, '...' if cut. */
export function excerptPrompt(prompt: string, limit: number): string {
  let text = '';
  let truncated = false;
  for (const char of prompt) {
    const printable = toPrintableAscii(char);
    if (printable === ' ' && (text === '' || text.endsWith(' '))) continue;
    if (text.length === limit) {
      truncated = true;
      break;
    }
    text += printable;
  }
  text = text.trimEnd();
  if (!truncated) return text;
  const cut = text.lastIndexOf(' ', limit - 3);
  return `${text.slice(0, cut >= limit / 2 ? cut : limit - 3).trimEnd()}...`;
}

/** Greedy word wrap; long words are split; more than `maxLines` lines end with '...'. */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  if (maxLines < 1 || width < 1) return [];
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    let rest = word;
    if (current !== '' && current.length + 1 + rest.length <= width) {
      current += ` ${rest}`;
      continue;
    }
    if (current !== '') lines.push(current);
    while (rest.length > width) {
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    current = rest;
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = last.endsWith('...') ? last : truncateText(`${last}...`, width);
  return kept;
}

/** Cuts `text` to at most `max` characters, ending in '...' when cut (if there is room). */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 3) return text.slice(0, max);
  return `${text.slice(0, max - 3)}...`;
}
