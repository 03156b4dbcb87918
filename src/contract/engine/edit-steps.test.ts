import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { EDIT_PROMPT, INPUT_SIZE, inputImages } from './edit-inputs.js';
import { planContract } from './plan.js';
import { toFormData } from './http.js';
import { imagesUrl } from './providers.js';
import { toCurl } from './redact.js';
import type { ContractOptions, ContractPlan, FormField, PlannedRequest } from './types.js';

const explode = (() => {
  throw new Error('a plan must send nothing');
}) as typeof fetch;

const options = (model: string, extra: Partial<ContractOptions> = {}): ContractOptions => ({
  provider: { kind: 'openai', baseUrl: 'https://api.example.test/v1', apiKey: 'sk-secret' },
  model,
  fetch: explode,
  ...extra,
});

const requestOf = (plan: ContractPlan, purpose: string): PlannedRequest | undefined =>
  plan.requests.find((request) => request.purpose === purpose);
const fieldsOf = (request: PlannedRequest | undefined): Record<string, string> =>
  Object.fromEntries(
    (request?.form ?? []).map((field) => [
      field.name,
      'value' in field ? field.value : `${field.filename} ${field.contentType}`,
    ]),
  );
const skipped = (plan: ContractPlan, id: string) => plan.skipped?.find((check) => check.id === id)?.reason;

describe('the uploaded images', () => {
  it('are the same bytes every time: a square RGBA pattern, its erased twin, and masks with a clear centre', () => {
    const images = inputImages();
    const pattern = PNG.sync.read(images.pattern);
    expect([pattern.width, pattern.height]).toEqual([INPUT_SIZE, INPUT_SIZE]);
    const alphaAt = (png: Buffer, x: number, y: number) => {
      const { width, data } = PNG.sync.read(png);
      return data[(y * width + x) * 4 + 3];
    };
    expect(alphaAt(images.pattern, 128, 128)).toBe(255);
    expect(alphaAt(images.erased, 128, 128)).toBe(0);
    expect(alphaAt(images.erased, 10, 10)).toBe(255);
    expect(alphaAt(images.mask, 128, 128)).toBe(0);
    expect(alphaAt(images.mask, 10, 250)).toBe(255);
    expect(PNG.sync.read(images.smallMask).width).toBe(INPUT_SIZE / 2);
    expect(images.pattern.length).toBeLessThan(4 * 1024 * 1024);
  });
});

describe('planning edits and variations', () => {
  it('sends a GPT image model an edit, a masked edit and five invalid uploads as multipart, priced with their input', async () => {
    const plan = await planContract(options('gpt-image-1'));
    const edit = requestOf(plan, 'edit.b64');
    expect(edit?.url).toBe('https://api.example.test/v1/images/edits');
    expect(edit?.headers).not.toHaveProperty('content-type');
    expect(fieldsOf(edit)).toEqual({
      image: 'image.png image/png',
      prompt: EDIT_PROMPT,
      model: 'gpt-image-1',
      n: '1',
      size: '1024x1024',
      quality: 'low',
    });
    expect(fieldsOf(requestOf(plan, 'edit.mask')).mask).toBe('mask.png image/png');
    // 0.011 for the image, plus 782 input tokens at a quarter of 0.011 / 272.
    expect(edit?.estimatedCostUsd).toBeCloseTo(0.011 + (782 * 0.011) / 272 / 4, 9);
    const rejects = plan.requests.filter((request) => request.purpose?.startsWith('reject.edit-'));
    expect(rejects.map((request) => [request.purpose, request.billableImages])).toEqual([
      ['reject.edit-not-an-image', 0],
      ['reject.edit-mimetype', 0],
      ['reject.edit-mask-size', 0],
      ['reject.edit-missing-image', 0],
      ['reject.edit-missing-prompt', 0],
    ]);
    expect(fieldsOf(requestOf(plan, 'reject.edit-mimetype')).image).toBe(
      'image.png application/octet-stream',
    );
    expect(fieldsOf(requestOf(plan, 'reject.edit-missing-image'))).not.toHaveProperty('image');
    expect(fieldsOf(requestOf(plan, 'reject.edit-missing-prompt'))).not.toHaveProperty('prompt');
    expect(skipped(plan, 'variation.valid')).toBe('gpt-image-1 has no variations endpoint (dall-e-2 only)');
  });

  it('sends dall-e-2 its erased image without a mask, a variation, and response_format', async () => {
    const plan = await planContract(options('dall-e-2', { maxImages: 7 }));
    expect(fieldsOf(requestOf(plan, 'edit.b64'))).toMatchObject({
      size: '256x256',
      response_format: 'b64_json',
    });
    const image = requestOf(plan, 'edit.b64')?.form?.find((field) => field.name === 'image');
    expect(image && 'bytes' in image && Buffer.from(image.bytes).equals(inputImages().erased)).toBe(true);
    const variation = requestOf(plan, 'variation.b64');
    expect(variation?.url).toBe('https://api.example.test/v1/images/variations');
    expect(fieldsOf(variation)).not.toHaveProperty('prompt');
    expect(variation?.estimatedCostUsd).toBeCloseTo(0.016, 9);
    expect(plan.billableImages).toBe(7);
  });

  it('skips with the reason where the model or provider has no such endpoint, and within maxImages', async () => {
    const dalle3 = await planContract(options('dall-e-3'));
    expect(skipped(dalle3, 'edit.valid')).toMatch(/dall-e-3 has no edits endpoint/);
    expect(skipped(dalle3, 'reject.edit-missing-prompt')).toMatch(/no edits endpoint/);
    const azure = await planContract(
      options('dall-e-2', {
        provider: { kind: 'azure', baseUrl: 'https://r.openai.azure.com', apiKey: 'k' },
      }),
    );
    expect(skipped(azure, 'variation.valid')).toMatch(/Azure OpenAI serves no variations/);
    expect(requestOf(azure, 'edit.b64')?.url).toBe(
      'https://r.openai.azure.com/openai/deployments/dall-e-2/images/edits?api-version=2025-04-01-preview',
    );
    const generic = { kind: 'generic' as const, baseUrl: 'http://127.0.0.1:8080', pathTemplate: '/generate' };
    expect(skipped(await planContract(options('gpt-image-1', { provider: generic })), 'edit.valid')).toMatch(
      /path does not end in \/images\/generations/,
    );
    const tight = await planContract(options('gpt-image-1', { maxImages: 4 }));
    expect(skipped(tight, 'edit.valid')).toMatch(/over maxImages 4/);
    expect(tight.checks.map((check) => check.id)).toContain('reject.edit-not-an-image');
  });

  it('finds the other endpoints beside the generation one', () => {
    const generic = {
      kind: 'generic' as const,
      baseUrl: 'http://h/api',
      pathTemplate: '/{model}/images/generations',
    };
    expect(imagesUrl(generic, 'sd', 'edits')).toEqual({ url: 'http://h/api/sd/images/edits' });
    expect(imagesUrl({ kind: 'openai', baseUrl: 'http://h/v1/' }, 'm', 'variations')).toEqual({
      url: 'http://h/v1/images/variations',
    });
  });
});

describe('a multipart request', () => {
  const form: FormField[] = [
    { name: 'prompt', value: "it's red" },
    {
      name: 'image',
      filename: 'image.png',
      contentType: 'image/png',
      bytes: Buffer.from('PNGDATA'),
      summary: 'x',
    },
  ];

  it('is sent as the platform encodes FormData, each file with its declared type', async () => {
    const request = new Request('http://127.0.0.1/', { method: 'POST', body: toFormData(form) });
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const text = await request.text();
    expect(text).toContain('name="image"; filename="image.png"\r\nContent-Type: image/png\r\n\r\nPNGDATA');
    expect(text).toContain(`name="prompt"\r\n\r\nit's red`);
  });

  it('reproduces with curl (--form-string for text, -F for files), the files written from base64 first, the key from the environment', () => {
    const curl = toCurl({
      method: 'POST',
      url: 'https://api.example.test/v1/images/edits',
      headers: { authorization: 'Bearer sk-secret' },
      form,
      billableImages: 1,
      estimatedCostUsd: 0.01,
    });
    expect(curl).not.toContain('sk-secret');
    expect(curl).toBe(
      `printf %s 'UE5HREFUQQ==' | base64 -d > 'imagegen-contract-image-1.png' && ` +
        `curl -sS -i -X POST 'https://api.example.test/v1/images/edits' -H "authorization: Bearer $OPENAI_API_KEY" ` +
        `--form-string 'prompt=it'\\''s red' -F 'image=@imagegen-contract-image-1.png;filename=image.png;type=image/png'`,
    );
  });
});
