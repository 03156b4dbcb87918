import request from 'supertest';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTH, testApp } from './helpers.js';
import { sampleImage, samplePng } from './edits.test-helpers.js';

const VARIATIONS = '/v1/images/variations';
type App = Awaited<ReturnType<typeof testApp>>;

let square: Buffer;

beforeAll(async () => {
  square = await samplePng(256, 256, { alpha: false });
});

function vary(app: App, fields: Record<string, string>, file?: [Buffer, string]) {
  let req = request(app).post(VARIATIONS).set(AUTH);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  if (file) req = req.attach('image', file[0], { filename: 'a.png', contentType: file[1] });
  return req;
}

describe('POST /v1/images/variations', () => {
  it('answers n distinct variations of the image, deterministic, as b64_json or URLs', async () => {
    const app = await testApp();
    const res = await vary(app, { n: '2', size: '256x256', response_format: 'b64_json' }, [
      square,
      'image/png',
    ]);
    expect(res.status).toBe(200);
    const data = (res.body as { data: { b64_json: string }[]; usage?: unknown }).data;
    expect(data).toHaveLength(2);
    expect((res.body as { usage?: unknown }).usage).toBeUndefined();
    expect(data[0]?.b64_json).not.toBe(data[1]?.b64_json);
    for (const item of data) {
      expect(await sharp(Buffer.from(item.b64_json, 'base64')).metadata()).toMatchObject({
        format: 'png',
        width: 256,
        height: 256,
      });
    }
    const again = await vary(app, { n: '2', size: '256x256', response_format: 'b64_json' }, [
      square,
      'image/png',
    ]);
    expect((again.body as { data: unknown[] }).data).toEqual(data);
    const urls = await vary(app, { size: '512x512' }, [square, 'image/png']);
    const url = new URL((urls.body as { data: { url: string }[] }).data[0]?.url ?? '');
    const file = await request(app).get(url.pathname).buffer(true);
    expect(await sharp(file.body as Buffer).metadata()).toMatchObject({ width: 512, height: 512 });
  });

  it.each<
    [
      string,
      Record<string, string>,
      [Buffer, string] | 'wide' | 'jpeg' | undefined,
      number,
      string | null,
      string | null,
    ]
  >([
    ['no image', {}, undefined, 400, 'image', 'missing_required_parameter'],
    ['a prompt', { prompt: 'a fox' }, 'jpeg', 400, 'prompt', 'unknown_parameter'],
    ['a GPT image model', { model: 'gpt-image-1' }, 'jpeg', 400, 'model', 'invalid_value'],
    ['a JPEG', {}, 'jpeg', 400, 'image', 'unsupported_file_mimetype'],
    ['a non-square PNG', {}, 'wide', 400, null, null],
    ['a size dall-e-2 lacks', { size: '1024x1536' }, 'jpeg', 400, 'size', 'invalid_value'],
  ])('refuses %s', async (_name, fields, file, status, param, code) => {
    const app = await testApp();
    const attach: [Buffer, string] | undefined =
      file === 'wide'
        ? [await samplePng(300, 200), 'image/png']
        : file === 'jpeg'
          ? [await sampleImage(256, 256, 'jpeg'), 'image/jpeg']
          : file;
    const res = await vary(app, fields, attach);
    expect(res.status).toBe(status);
    expect((res.body as { error: { param: string | null; code: string | null } }).error).toMatchObject({
      param,
      code,
    });
  });

  it('keeps to dall-e-2 whatever the default model, and hides it with --retired-models error', async () => {
    const served = await vary(await testApp({ defaultModel: 'gpt-image-1' }), { size: '256x256' }, [
      square,
      'image/png',
    ]);
    expect(served.status).toBe(200);
    const retired = await vary(await testApp({ retiredModels: 'error' }), {}, [square, 'image/png']);
    expect(retired.status).toBe(400);
    expect((retired.body as { error: { message: string } }).error.message).toBe(
      "The model 'dall-e-2' does not exist.",
    );
  });

  it('answers a fault asked for with the Prefer header', async () => {
    const res = await vary(await testApp(), {}, [square, 'image/png']).set('Prefer', 'code=500');
    expect(res.status).toBe(500);
    expect((res.body as { error: { type: string } }).error.type).toBe('server_error');
  });
});
