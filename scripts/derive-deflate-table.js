/**
 * Derives the constant Huffman table of our deflate blocks (src/images/codecs/png/deflate-code-lengths.ts)
 * from the golden cases, the way it was made: count the deflate symbols of their PNG rows and fit
 * length-limited codes to the counts. Prints the three constants as TypeScript, formatted like the
 * source file. A test checks that the committed table equals this derivation; replacing the table
 * changes the bytes of every PNG, so the golden hashes would need regenerating too.
 *
 *   npm run build && node scripts/derive-deflate-table.js
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import prettier from 'prettier';
import { deriveDeflateCodeLengths } from '../dist/images/index.js';

const fixture = new URL('../fixtures/golden-images.json', import.meta.url);
/** @type {{ params: import('../dist/images/index.js').RenderParams }[]} */
const golden = JSON.parse(readFileSync(fixture, 'utf8'));
const { literalLength, distance, codeLength } = deriveDeflateCodeLengths(golden);

/** @param {string} name @param {readonly number[]} lengths */
const constant = (name, lengths) => `export const ${name}: readonly number[] = [${lengths.join(', ')}];\n`;
const source = [
  constant('LITERAL_LENGTH_CODE_LENGTHS', literalLength),
  constant('DISTANCE_CODE_LENGTHS', distance),
  constant('CODE_LENGTH_CODE_LENGTHS', codeLength),
].join('\n');
const options = await prettier.resolveConfig(
  new URL('../src/images/codecs/png/deflate-code-lengths.ts', import.meta.url),
);
process.stdout.write(await prettier.format(source, { ...options, parser: 'typescript' }));
