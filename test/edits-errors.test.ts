import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUTH, testApp } from './helpers.js';
import { sampleImage, sampleMask, samplePng } from './edits.test-helpers.js';

/**
 * Every malformed upload gets one JSON error in the envelope, in the order the README documents: text
 * fields first (unknown, types, the model's rules), then the files (missing, count, each image, the mask).
 */
const EDITS = '/v1/images/edits';
type App = Awaited<ReturnType<typeof testApp>>;
type Attach = [field: string, bytes: Buffer, filename: string, contentType: string];

let app: App;
let png: Buffer;
let rgb: Buffer;
let jpeg: Buffer;
let mask: Buffer;

beforeAll(async () => {
  app = await testApp();
  png = await samplePng(256, 256, { clear: { x0: 0, y0: 0, x1: 64, y1: 64 } });
  rgb = await samplePng(256, 256, { alpha: false });
  jpeg = await sampleImage(256, 256, 'jpeg');
  mask = await sampleMask(256, 256);
});

async function postEdit(fields: Record<string, string>, files: Attach[]) {
  let req = request(app).post(EDITS).set(AUTH);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  for (const [field, bytes, filename, contentType] of files)
    req = req.attach(field, bytes, { filename, contentType });
  return req;
}

const gpt = { model: 'gpt-image-1', prompt: 'a red fox' };
const dalle = { model: 'dall-e-2', prompt: 'a red fox' };
const image =
  (bytes: () => Buffer, type = 'image/png', field = 'image'): (() => Attach) =>
  () => [field, bytes(), 'photo.png', type];

interface Case {
  fields: Record<string, string>;
  files: (() => Attach)[];
  status: number;
  param: string | null;
  code: string | null;
  message?: string | RegExp;
}

const CASES: Record<string, Case> = {
  'no image': { fields: gpt, files: [], status: 400, param: 'image', code: 'missing_required_parameter' },
  'no prompt': {
    fields: { model: 'gpt-image-1' },
    files: [image(() => png)],
    status: 400,
    param: 'prompt',
    code: 'missing_required_parameter',
  },
  'a text field named image': {
    fields: { ...gpt, image: 'photo.png' },
    files: [],
    status: 400,
    param: 'image',
    code: 'invalid_type',
    message: "Invalid type for 'image': expected a file, but got a string instead.",
  },
  'an unknown field': {
    fields: { ...gpt, style: 'vivid' },
    files: [image(() => png)],
    status: 400,
    param: 'style',
    code: 'unknown_parameter',
  },
  'n that is not a number': {
    fields: { ...gpt, n: 'two' },
    files: [image(() => png)],
    status: 400,
    param: 'n',
    code: 'invalid_type',
  },
  'response_format on a GPT image model': {
    fields: { ...gpt, response_format: 'url' },
    files: [image(() => png)],
    status: 400,
    param: 'response_format',
    code: 'unknown_parameter',
    message: "Unknown parameter: 'response_format'.",
  },
  'input_fidelity on gpt-image-1-mini': {
    fields: { model: 'gpt-image-1-mini', prompt: 'a fox', input_fidelity: 'high' },
    files: [image(() => png)],
    status: 400,
    param: 'input_fidelity',
    code: 'unknown_parameter',
  },
  'input_fidelity not high or low': {
    fields: { ...gpt, input_fidelity: 'max' },
    files: [image(() => png)],
    status: 400,
    param: 'input_fidelity',
    code: 'invalid_value',
  },
  'a model without edits (dall-e-3)': {
    fields: { model: 'dall-e-3', prompt: 'a fox' },
    files: [image(() => png)],
    status: 400,
    param: 'model',
    code: 'invalid_value',
    message: /^Invalid value: 'dall-e-3'\. Supported values are: 'dall-e-2', 'gpt-image-1'/,
  },
  '17 images': {
    fields: gpt,
    files: Array.from({ length: 17 }, () => image(() => png, 'image/png', 'image[]')),
    status: 400,
    param: 'image',
    code: 'array_above_max_length',
    message:
      "Invalid 'image': array too long. Expected an array with maximum length 16, but got an array with length 17 instead.",
  },
  'a file sent as application/octet-stream': {
    fields: gpt,
    files: [image(() => png, 'application/octet-stream')],
    status: 400,
    param: 'image',
    code: 'unsupported_file_mimetype',
    message:
      "Invalid file 'image': unsupported mimetype ('application/octet-stream'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.",
  },
  'a JPEG declared image/png': {
    fields: gpt,
    files: [image(() => jpeg)],
    status: 400,
    param: null,
    code: 'invalid_image_file',
    message: 'Invalid image file or mode for image 1, please check your image file.',
  },
  'a text file declared image/png (the second image)': {
    fields: gpt,
    files: [
      image(() => png, 'image/png', 'image[]'),
      image(() => Buffer.from('# README\n'), 'image/png', 'image[]'),
    ],
    status: 400,
    param: null,
    code: 'invalid_image_file',
    message: 'Invalid image file or mode for image 2, please check your image file.',
  },
  'a truncated PNG': {
    fields: gpt,
    files: [image(() => png.subarray(0, Math.floor(png.length / 2)))],
    status: 400,
    param: null,
    code: 'invalid_image_file',
  },
  'an empty mask': {
    fields: gpt,
    files: [image(() => png), () => ['mask', Buffer.alloc(0), 'mask.png', 'image/png']],
    status: 400,
    param: 'mask',
    code: 'invalid_mask',
  },
  'a JPEG mask declared image/png': {
    fields: gpt,
    files: [image(() => png), () => ['mask', jpeg, 'mask.png', 'image/png']],
    status: 400,
    param: 'mask',
    code: 'invalid_mask',
  },
  'a mask declared image/jpeg': {
    fields: gpt,
    files: [image(() => png), () => ['mask', jpeg, 'mask.jpg', 'image/jpeg']],
    status: 400,
    param: 'mask',
    code: 'unsupported_file_mimetype',
  },
  'a mask without alpha': {
    fields: gpt,
    files: [image(() => png), () => ['mask', rgb, 'mask.png', 'image/png']],
    status: 400,
    param: 'mask',
    code: 'invalid_mask',
    message: /no alpha channel \(it is RGB\)/,
  },
  'image[] on dall-e-2': {
    fields: dalle,
    files: [image(() => png, 'image/png', 'image[]')],
    status: 400,
    param: 'image[]',
    code: 'unknown_parameter',
  },
  'a JPEG on dall-e-2': {
    fields: dalle,
    files: [image(() => jpeg, 'image/jpeg')],
    status: 400,
    param: 'image',
    code: 'unsupported_file_mimetype',
    message:
      "Invalid file 'image': unsupported mimetype ('image/jpeg'). Supported file formats are 'image/png'.",
  },
  'an RGB image without a mask on dall-e-2': {
    fields: dalle,
    files: [image(() => rgb)],
    status: 400,
    param: null,
    code: null,
    message: "Invalid input image - format must be in ['RGBA', 'LA', 'L'], got RGB.",
  },
};

describe('POST /v1/images/edits refuses a malformed upload with one error in the envelope', () => {
  it.each(Object.entries(CASES))('%s', async (_name, { fields, files, status, param, code, message }) => {
    const res = await postEdit(
      fields,
      files.map((file) => file()),
    );
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const error = (
      res.body as { error: { message: string; type: string; param: string | null; code: string | null } }
    ).error;
    expect({ param: error.param, code: error.code }).toEqual({ param, code });
    expect(typeof error.message).toBe('string');
    if (typeof message === 'string') expect(error.message).toBe(message);
    else if (message) expect(error.message).toMatch(message);
  });

  it('tells a mask of another size from the image it was meant for', async () => {
    const big = await samplePng(512, 512);
    const res = await postEdit(gpt, [
      ['image', big, 'photo.png', 'image/png'],
      ['mask', mask, 'mask.png', 'image/png'],
    ]);
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string } }).error.message).toBe(
      "Invalid file 'mask': the mask must be the same size as the image, but the mask is 256x256 and the image 512x512.",
    );
  });

  it('refuses a non-square image and one over 4 MB on dall-e-2, in its older wording', async () => {
    const wide = await samplePng(320, 256);
    const res = await postEdit(dalle, [['image', wide, 'wide.png', 'image/png']]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: null,
        message: 'Uploaded image must be square, but it is 320x256.',
        param: null,
        type: 'invalid_request_error',
      },
    });
    const noise = Buffer.alloc(4 * 1024 * 1024 + 1, 7);
    const big = await postEdit(dalle, [['image', noise, 'big.png', 'image/png']]);
    expect((big.body as { error: { message: string } }).error.message).toBe(
      'Uploaded image must be a PNG and less than 4 MB.',
    );
  });

  it('checks the text fields before the files: a bad size wins over a missing image', async () => {
    const res = await postEdit({ ...gpt, size: '512x512' }, []);
    expect((res.body as { error: { param: string } }).error.param).toBe('size');
  });
});
