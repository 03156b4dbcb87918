/**
 * Re-renders every case of fixtures/golden-images.json with the built renderer and compares SHA-256 hashes,
 * under whichever Node runs it: CI runs it with each supported major version to prove the bytes do not
 * depend on the runtime. Every case goes through renderImage, so PNG, JPEG, WebP, transparent and partial
 * images are all covered. Exits 1 on any mismatch.
 *
 *   npm run build && node scripts/check-goldens.js
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { renderImage } from '../dist/images/index.js';

const fixture = new URL('../fixtures/golden-images.json', import.meta.url);
/** @type {{ params: import('../dist/images/index.js').RenderParams, sha256: string }[]} */
const cases = JSON.parse(readFileSync(fixture, 'utf8'));
let mismatches = 0;
for (const { params, sha256 } of cases) {
  const actual = createHash('sha256').update(renderImage(params)).digest('hex');
  if (actual !== sha256) {
    mismatches++;
    const { outputFormat = 'png', compression, background = 'opaque', partial } = params;
    const options = [
      outputFormat,
      compression ?? '',
      background,
      partial ? `partial ${partial.index}/${partial.count}` : '',
    ]
      .filter((part) => part !== '')
      .join(' ');
    process.stdout.write(
      `MISMATCH ${params.width}x${params.height} ${params.quality} ${params.style} #${params.index} ${options}: ${actual}\n`,
    );
  }
}
process.stdout.write(
  `golden images on Node ${process.version}: ${cases.length - mismatches} of ${cases.length} identical\n`,
);
process.exitCode = mismatches > 0 ? 1 : 0;
