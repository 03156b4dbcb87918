/**
 * Re-renders every case of fixtures/golden-images.json (generations) and fixtures/golden-edits.json
 * (edits and variations, their input images drawn in code) with the built renderer and compares SHA-256
 * hashes, under whichever Node runs it: CI runs it with each supported major version to prove the bytes do
 * not depend on the runtime. Every generation goes through renderImage and every edit through renderEdit,
 * so PNG, JPEG, WebP, transparent and partial images are all covered. Exits 1 on any mismatch.
 *
 *   npm run build && node scripts/check-goldens.js
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { buildSampleEdit, renderEdit, renderImage } from '../dist/images/index.js';

/** @param {string} name */
const readFixture = (name) =>
  JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
/** @type {{ params: import('../dist/images/index.js').RenderParams, sha256: string }[]} */
const generations = readFixture('golden-images.json');
/** @type {(import('../dist/images/index.js').SampleEdit & { sha256: string })[]} */
const edits = readFixture('golden-edits.json');
const cases = [
  ...generations.map(({ params, sha256 }) => ({
    params,
    sha256,
    what: '',
    render: () => renderImage(params),
  })),
  ...edits.map((edit) => ({
    params: edit.params,
    sha256: edit.sha256,
    what: `${edit.kind} of ${edit.base.width}x${edit.base.height}${edit.mask ? ' with mask' : ''} `,
    render: () => renderEdit(buildSampleEdit(edit)),
  })),
];
let mismatches = 0;
for (const { params, sha256, what, render } of cases) {
  const actual = createHash('sha256').update(render()).digest('hex');
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
      `MISMATCH ${what}${params.width}x${params.height} ${params.quality} ${params.style} #${params.index} ${options}: ${actual}\n`,
    );
  }
}
process.stdout.write(
  `golden images on Node ${process.version}: ${cases.length - mismatches} of ${cases.length} identical\n`,
);
process.exitCode = mismatches > 0 ? 1 : 0;
