import { fitDeflateCodeLengths, type DeflateCodeLengths } from './codecs/png/deflate-code-lengths.js';
import { createDeflateSymbolCounter } from './codecs/png/deflate-writer.js';
import { renderIdat } from './render-idat.js';
import type { RenderParams } from './render-image.js';
import { composeScene } from './scene/compose-scene.js';

/**
 * How many cases from the start of fixtures/golden-images.json the deflate table was fitted to:
 * the PNG cases the file held then. Cases added later do not refit it.
 */
const FITTED_CASES = 12;

/**
 * Derives the constant deflate table (codecs/png/deflate-code-lengths.ts) from the golden cases
 * (the entries of fixtures/golden-images.json): renders the rows of the first FITTED_CASES as
 * renderPng would, counts the deflate symbols they are written with, and fits the table to the
 * counts. The symbols depend on the rows only, not on the table, so this reproduces the table it
 * was fitted with. Used by scripts/derive-deflate-table.js and a test; not by rendering.
 */
export function deriveDeflateCodeLengths(golden: readonly { params: RenderParams }[]): DeflateCodeLengths {
  const cases = golden.slice(0, FITTED_CASES).map(({ params }) => params);
  const isPlainPng = ({ outputFormat = 'png', background = 'opaque', partial }: RenderParams): boolean =>
    outputFormat === 'png' && background === 'opaque' && partial === undefined;
  if (cases.length < FITTED_CASES || !cases.every(isPlainPng)) {
    throw new RangeError(
      `The deflate table is fitted to the first ${FITTED_CASES} golden cases, all plain PNG`,
    );
  }
  const counter = createDeflateSymbolCounter();
  for (const params of cases) renderIdat(composeScene(params), {}, counter);
  return fitDeflateCodeLengths(counter);
}
