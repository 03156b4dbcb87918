/**
 * Draws docs/edit-example.png, the README's picture of an edit: the input image, its mask (transparent
 * pixels shown as a checkerboard) and the answer the mock gives, side by side. The answer comes from the
 * endpoint itself: a server on 127.0.0.1, sent the two files as multipart, as an app would.
 *
 *   npm run build && node scripts/draw-edit-example.js
 */
import { Buffer, Blob } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import sharp from 'sharp';
import { startServer } from '../dist/index.js';
import { drawSampleMask, renderImage } from '../dist/images/index.js';

const SIZE = 512;
const GAP = 16;

const input = renderImage({
  model: 'gpt-image-1',
  prompt: 'a lighthouse at dawn',
  width: SIZE,
  height: SIZE,
  quality: 'high',
  style: 'vivid',
  index: 0,
});
const clear = { x0: 96, y0: 160, x1: 416, y1: 400 };
const maskRaster = drawSampleMask({ width: SIZE, height: SIZE, clear });
const raw = { raw: { width: SIZE, height: SIZE, channels: /** @type {const} */ (4) } };
const mask = await sharp(Buffer.from(maskRaster.data), raw).png().toBuffer();

const mock = await startServer({ port: 0, host: '127.0.0.1' });
let output;
try {
  const form = new globalThis.FormData();
  form.append('model', 'gpt-image-1');
  form.append('prompt', 'a red fox');
  form.append('quality', 'high');
  form.append('size', '1024x1024');
  form.append('image', new Blob([input], { type: 'image/png' }), 'lighthouse.png');
  form.append('mask', new Blob([mask], { type: 'image/png' }), 'mask.png');
  const res = await globalThis.fetch(`${mock.url}/v1/images/edits`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-mock' },
    body: form,
    signal: globalThis.AbortSignal.timeout(60_000),
  });
  if (res.status !== 200) throw new Error(`the edit failed: ${res.status} ${await res.text()}`);
  const body = /** @type {{ data: { b64_json: string }[] }} */ (await res.json());
  output = await sharp(Buffer.from(body.data[0]?.b64_json ?? '', 'base64'))
    .resize(SIZE, SIZE)
    .png()
    .toBuffer();
} finally {
  await mock.close();
}

// The mask as people draw it: its clear pixels over a grey checkerboard, the rest light grey.
const checker = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const at = (y * SIZE + x) * 4;
    const clearHere = maskRaster.data[at + 3] === 0;
    const shade = clearHere ? ((Math.floor(x / 16) + Math.floor(y / 16)) % 2 === 0 ? 200 : 150) : 232;
    checker.fill(shade, at, at + 3);
    checker[at + 3] = 255;
  }
}
const maskView = await sharp(checker, raw).png().toBuffer();

const picture = await sharp({
  create: { width: SIZE * 3 + GAP * 2, height: SIZE, channels: 3, background: '#ffffff' },
})
  .composite([
    { input, left: 0, top: 0 },
    { input: maskView, left: SIZE + GAP, top: 0 },
    { input: output, left: (SIZE + GAP) * 2, top: 0 },
  ])
  .png({ compressionLevel: 9 })
  .toBuffer();
const target = new URL('../docs/edit-example.png', import.meta.url);
writeFileSync(target, picture);
process.stdout.write(`wrote ${target.pathname} (${picture.length} bytes)\n`);
