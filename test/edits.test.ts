import request from 'supertest';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../src/index.js';
import { AUTH, testApp } from './helpers.js';
import { sampleImage, sampleMask, samplePng } from './edits.test-helpers.js';

const EDITS = '/v1/images/edits';
type App = Awaited<ReturnType<typeof testApp>>;
interface Answer {
  created: number;
  data: { b64_json?: string; url?: string }[];
  size?: string;
  quality?: string;
  output_format?: string;
  background?: string;
  usage?: { input_tokens: number; input_tokens_details: { image_tokens: number; text_tokens: number } };
}

let photo: Buffer;
let mask: Buffer;

beforeAll(async () => {
  photo = await samplePng(1024, 1024);
  mask = await sampleMask(1024, 1024, { x0: 256, y0: 256, x1: 768, y1: 768 });
});

function edit(app: App, fields: Record<string, string>, files: [string, Buffer, string][] = []) {
  let req = request(app).post(EDITS).set(AUTH);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  for (const [field, bytes, type] of files)
    req = req.attach(field, bytes, { filename: 'f', contentType: type });
  return req;
}

async function rgba(bytes: Buffer): Promise<{ width: number; height: number; data: Buffer }> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

function pixel(image: { width: number; data: Buffer }, x: number, y: number): number[] {
  const at = (y * image.width + x) * 4;
  return [...image.data.subarray(at, at + 4)];
}

describe('POST /v1/images/edits', () => {
  it('keeps the input outside the mask pixel for pixel and paints inside it, with usage and settings', async () => {
    const app = await testApp();
    const res = await edit(
      app,
      { model: 'gpt-image-1', prompt: 'a red fox', quality: 'low', size: '1024x1024' },
      [
        ['image', photo, 'image/png'],
        ['mask', mask, 'image/png'],
      ],
    );
    expect(res.status).toBe(200);
    const body = res.body as Answer;
    expect(body).toMatchObject({
      size: '1024x1024',
      quality: 'low',
      output_format: 'png',
      background: 'opaque',
    });
    // One 1024x1024 input: fit 2048, short side to 768, four 512-pixel tiles: 85 + 4 * 170.
    expect(body.usage?.input_tokens_details).toEqual({ image_tokens: 765, text_tokens: 3 });
    const output = await rgba(Buffer.from(body.data[0]?.b64_json ?? '', 'base64'));
    const input = await rgba(photo);
    expect([output.width, output.height]).toEqual([1024, 1024]);
    for (const [x, y] of [
      [10, 10],
      [1000, 40],
      [100, 600],
    ] as const) {
      expect(pixel(output, x, y)).toEqual(pixel(input, x, y));
    }
    let changed = 0;
    for (let y = 300; y < 700; y += 20)
      for (let x = 300; x < 700; x += 20)
        if (pixel(output, x, y).join() !== pixel(input, x, y).join()) changed++;
    expect(changed).toBeGreaterThan(300);
  });

  it('answers the same bytes for the same inputs, and other bytes for another mask or image', async () => {
    const app = await testApp();
    const fields = { model: 'gpt-image-1', prompt: 'a red fox', quality: 'low' };
    const b64 = async (files: [string, Buffer, string][]) =>
      ((await edit(app, fields, files)).body as Answer).data[0]?.b64_json;
    const first = await b64([
      ['image', photo, 'image/png'],
      ['mask', mask, 'image/png'],
    ]);
    expect(
      await b64([
        ['image', photo, 'image/png'],
        ['mask', mask, 'image/png'],
      ]),
    ).toBe(first);
    const otherMask = await sampleMask(1024, 1024, { x0: 0, y0: 0, x1: 200, y1: 200 });
    expect(
      await b64([
        ['image', photo, 'image/png'],
        ['mask', otherMask, 'image/png'],
      ]),
    ).not.toBe(first);
    const jpeg = await sampleImage(1024, 1024, 'jpeg');
    expect(
      await b64([
        ['image', jpeg, 'image/jpeg'],
        ['mask', mask, 'image/png'],
      ]),
    ).not.toBe(first);
  });

  it('draws from every input: a request that differs only in its second image answers another picture', async () => {
    const app = await testApp();
    const fields = { model: 'gpt-image-1', prompt: 'two foxes', quality: 'low' };
    const b64 = async (second: Buffer) =>
      (
        (
          await edit(app, fields, [
            ['image[]', photo, 'image/png'],
            ['image[]', second, 'image/png'],
          ])
        ).body as Answer
      ).data[0]?.b64_json;
    const one = await b64(await samplePng(512, 512));
    expect(one).toBeDefined();
    expect(await b64(await samplePng(512, 512))).toBe(one);
    expect(await b64(await samplePng(512, 384))).not.toBe(one);
  });

  it('resolves size auto from the first image’s aspect, and takes several images as image[]', async () => {
    const app = await testApp();
    const wide = await samplePng(600, 400);
    const tall = await sampleImage(400, 600, 'webp');
    const res = await edit(
      app,
      { model: 'gpt-image-1', prompt: 'two foxes', quality: 'low', output_format: 'jpeg' },
      [
        ['image[]', wide, 'image/png'],
        ['image[]', tall, 'image/webp'],
      ],
    );
    expect(res.status).toBe(200);
    const body = res.body as Answer;
    expect(body.size).toBe('1536x1024');
    const output = Buffer.from(body.data[0]?.b64_json ?? '', 'base64');
    expect(await sharp(output).metadata()).toMatchObject({ format: 'jpeg', width: 1536, height: 1024 });
    expect(body.usage?.input_tokens_details.image_tokens).toBeGreaterThan(0);
  });

  it('answers dall-e-2 with a URL to the kept PNG, and a 404 envelope for a URL it does not hold', async () => {
    const app = await testApp();
    const small = await samplePng(256, 256, { clear: { x0: 0, y0: 0, x1: 128, y1: 128 } });
    const res = await edit(app, { model: 'dall-e-2', prompt: 'a fox', size: '256x256' }, [
      ['image', small, 'image/png'],
    ]);
    expect(res.status).toBe(200);
    const url = new URL((res.body as Answer).data[0]?.url ?? '');
    expect(url.pathname).toMatch(/^\/v1\/images\/files\/e[\w-]{43}\.png$/);
    const file = await request(app).get(url.pathname).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(await sharp(file.body as Buffer).metadata()).toMatchObject({ width: 256, height: 256 });
    const gone = await request(app).get(`/v1/images/files/e${'A'.repeat(43)}.png`);
    expect(gone.status).toBe(404);
    expect((gone.body as { error: { code: string } }).error.code).toBe('image_not_found');
  });

  it('takes the JSON form with data: URLs, and refuses file ids and remote URLs', async () => {
    const app = await testApp();
    const dataUrl = `data:image/png;base64,${photo.toString('base64')}`;
    const base = { model: 'gpt-image-1', prompt: 'a fox', quality: 'low' };
    const ok = await request(app)
      .post(EDITS)
      .set(AUTH)
      .send({
        ...base,
        images: [{ image_url: dataUrl }],
        mask: { image_url: `data:image/png;base64,${mask.toString('base64')}` },
      });
    expect(ok.status).toBe(200);
    expect((ok.body as Answer).size).toBe('1024x1024');
    const fileId = await request(app)
      .post(EDITS)
      .set(AUTH)
      .send({ ...base, images: [{ file_id: 'file-abc123' }] });
    expect(fileId.status).toBe(404);
    expect(fileId.body).toMatchObject({ error: { param: 'images[0].file_id', code: 'file_not_found' } });
    const remote = await request(app)
      .post(EDITS)
      .set(AUTH)
      .send({ ...base, images: [{ image_url: 'https://example.com/a.png' }] });
    expect(remote.status).toBe(400);
    expect(remote.body).toMatchObject({ error: { param: 'images[0].image_url', code: 'invalid_value' } });
    await request(app)
      .post(EDITS)
      .set(AUTH)
      .send({ ...base, images: [{ image_url: dataUrl }, { file_id: 'file-abc123' }] });
    const entries = ((await request(app).get('/__imagegen/requests')).body as { data: JournalEntry[] }).data;
    const entry = entries[0];
    for (const { request: sent } of entries) {
      expect(JSON.stringify(sent.body)).not.toContain(photo.toString('base64').slice(0, 100));
    }
    expect((entries.at(-1)?.request.body?.images as { image_url: string }[])[0]?.image_url).toMatch(
      /^data:image\/png;base64,… \(\d+ characters\)$/,
    );
    expect(entry?.request.files?.[0]).toMatchObject({
      field: 'images[0]',
      contentType: 'image/png',
      width: 1024,
    });
  });

  it('applies faults: the Prefer header, a prompt marker, and the default model setting', async () => {
    const app = await testApp({ defaultModel: 'gpt-image-1' });
    const limited = await edit(app, { prompt: 'a fox' }, [['image', photo, 'image/png']]).set(
      'Prefer',
      'scenario=rate_limit',
    );
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    const blocked = await edit(app, { prompt: 'a fox [mock:scenario=moderation]' }, [
      ['image', photo, 'image/png'],
    ]);
    expect(blocked.status).toBe(400);
    expect((blocked.body as { error: { code: string } }).error.code).toBe('moderation_blocked');
    const plain = await edit(app, { prompt: 'a fox', quality: 'low' }, [['image', photo, 'image/png']]);
    expect((plain.body as Answer).usage).toBeDefined();
  });

  it('hides dall-e-2 with --retired-models error', async () => {
    const app = await testApp({ retiredModels: 'error' });
    const small = await samplePng(256, 256, { clear: { x0: 0, y0: 0, x1: 128, y1: 128 } });
    const res = await edit(app, { model: 'dall-e-2', prompt: 'a fox' }, [['image', small, 'image/png']]);
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string } }).error.message).toBe(
      "The model 'dall-e-2' does not exist.",
    );
  });

  it('journals the uploads by digest, served back at their admin URL, and the output at its own', async () => {
    const app = await testApp();
    const res = await edit(app, { model: 'gpt-image-1', prompt: 'a fox', quality: 'low' }, [
      ['image', photo, 'image/png'],
      ['mask', mask, 'image/png'],
    ]);
    const entry = ((await request(app).get('/__imagegen/requests')).body as { data: JournalEntry[] }).data.at(
      -1,
    );
    expect(entry?.request.body).toEqual({ model: 'gpt-image-1', prompt: 'a fox', quality: 'low' });
    const [image, maskFile] = entry?.request.files ?? [];
    expect(image).toMatchObject({
      field: 'image',
      contentType: 'image/png',
      bytes: photo.length,
      width: 1024,
      height: 1024,
    });
    expect(maskFile?.field).toBe('mask');
    const uploaded = await request(app)
      .get(new URL(image?.url ?? '').pathname)
      .buffer(true);
    expect(Buffer.compare(uploaded.body as Buffer, photo)).toBe(0);
    const output = entry?.response.images?.[0];
    expect(output).toMatchObject({ format: 'png', size: '1024x1024' });
    const served = await request(app)
      .get(new URL(output?.url ?? '').pathname)
      .buffer(true);
    expect((served.body as Buffer).toString('base64')).toBe((res.body as Answer).data[0]?.b64_json);
  });
});
