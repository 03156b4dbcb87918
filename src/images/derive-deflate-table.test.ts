import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CODE_LENGTH_CODE_LENGTHS,
  DISTANCE_CODE_LENGTHS,
  LITERAL_LENGTH_CODE_LENGTHS,
} from './codecs/png/deflate-code-lengths.js';
import { deriveDeflateCodeLengths } from './derive-deflate-table.js';
import type { RenderParams } from './render-image.js';

const GOLDEN = JSON.parse(
  readFileSync(new URL('../../fixtures/golden-images.json', import.meta.url), 'utf8'),
) as { params: RenderParams }[];

describe('deriveDeflateCodeLengths', () => {
  it('derives the committed deflate table from the golden cases', () => {
    const derived = deriveDeflateCodeLengths(GOLDEN);
    expect(
      derived,
      'codecs/png/deflate-code-lengths.ts no longer matches its derivation: print it again with ' +
        '`npm run build && node scripts/derive-deflate-table.js` (a new table changes every PNG)',
    ).toEqual({
      literalLength: LITERAL_LENGTH_CODE_LENGTHS,
      distance: DISTANCE_CODE_LENGTHS,
      codeLength: CODE_LENGTH_CODE_LENGTHS,
    });
  });

  it('refuses golden cases it was not fitted to', () => {
    expect(() => deriveDeflateCodeLengths(GOLDEN.slice(0, 11))).toThrow(RangeError);
    const jpeg = GOLDEN.map((golden, i) =>
      i === 3 ? { params: { ...golden.params, outputFormat: 'jpeg' as const } } : golden,
    );
    expect(() => deriveDeflateCodeLengths(jpeg)).toThrow(RangeError);
  });
});
