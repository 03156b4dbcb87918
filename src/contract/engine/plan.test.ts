import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors.js';
import { loadSpec } from '../../openapi/load-spec.js';
import { planContract } from './plan.js';
import type { ContractOptions, ContractPlan } from './types.js';

const explode = (() => {
  throw new Error('a plan must send nothing');
}) as typeof fetch;

const options = (model: string, extra: Partial<ContractOptions> = {}): ContractOptions => ({
  provider: { kind: 'openai', baseUrl: 'https://api.example.test/v1/', apiKey: 'sk-secret' },
  model,
  fetch: explode,
  ...extra,
});

const bodies = (plan: ContractPlan): Record<string, unknown> =>
  Object.fromEntries(
    plan.requests.flatMap((request): [string, unknown][] => {
      try {
        return [[request.purpose ?? '', JSON.parse(request.body ?? '') as unknown]];
      } catch {
        return [];
      }
    }),
  );
const skipped = (plan: ContractPlan, id: string) => plan.skipped?.find((check) => check.id === id)?.reason;

describe('planContract', () => {
  it('asks dall-e-2 for its smallest size, n=1 except one n=2, b64 and url, an edit and a variation, within 6 images', async () => {
    const plan = await planContract(options('dall-e-2'));
    const generated = plan.requests.filter((request) => request.billableImages > 0);
    expect(generated.map((request) => request.purpose)).toEqual([
      'generate.b64',
      'generate.n2',
      'generate.url',
      'edit.b64',
      'variation.b64',
    ]);
    expect(bodies(plan)['generate.b64']).toEqual({
      model: 'dall-e-2',
      prompt: expect.any(String) as string,
      n: 1,
      size: '256x256',
      response_format: 'b64_json',
    });
    expect(plan.billableImages).toBe(6);
    // dall-e-2 bills edits and variations per image, as its generations.
    expect(plan.estimatedCostUsd).toBeCloseTo(6 * 0.016, 6);
    expect(
      plan.requests.every((request) =>
        /^https:\/\/api\.example\.test\/v1\/images\/(generations|edits|variations)$/.test(request.url),
      ),
    ).toBe(true);
    expect(skipped(plan, 'edit.mask-honoured')).toMatch(/over maxImages 6/);
    expect(skipped(plan, 'determinism')).toMatch(/expectDeterministic/);
    expect(skipped(plan, 'reject.quality-unknown')).toMatch(/takes no quality/);
  });

  it('never plans more images than maxImages, for any model and cap', async () => {
    const spec = await loadSpec();
    for (const model of spec.models.keys()) {
      for (const maxImages of [0, 1, 2, 3, 4, 5, 6, 7]) {
        const plan = await planContract(options(model, { maxImages, expectDeterministic: true }));
        expect(plan.billableImages).toBeLessThanOrEqual(maxImages);
        expect(plan.requests.reduce((sum, request) => sum + request.billableImages, 0)).toBe(
          plan.billableImages,
        );
        for (const check of plan.skipped ?? []) expect(check.reason).not.toBe('');
      }
    }
  });

  it('spends nothing with maxImages 0 and still runs every free check', async () => {
    const plan = await planContract(options('gpt-image-1', { maxImages: 0 }));
    expect(plan.billableImages).toBe(0);
    expect(plan.checks.map((check) => check.id)).toContain('reject.missing-prompt');
    expect(skipped(plan, 'response.schema')).toMatch(/over maxImages 0/);
  });

  it('asks gpt-image models for low quality and never for a response_format', async () => {
    const plan = await planContract(options('gpt-image-1'));
    const body = bodies(plan)['generate.b64'] as Record<string, unknown>;
    expect(body).toMatchObject({ quality: 'low', size: '1024x1024', n: 1 });
    expect(body).not.toHaveProperty('response_format');
    expect(skipped(plan, 'image.url-fetch')).toMatch(/b64_json only/);
    // Square, then n=2 landscape and one portrait: every shape within 4 images; then two edits, each
    // billed as a 1024x1024 image plus the input (765 image tokens and 17 of prompt) at a quarter of
    // the output token price (0.011 / 272).
    const edit = 0.011 + (782 * 0.011 * 0.25) / 272;
    expect(plan.estimatedCostUsd).toBeCloseTo(0.011 + 3 * 0.016 + 2 * edit, 6);
  });

  it('asks for every shape of size the model offers, within the image budget', async () => {
    const sizes = (plan: ContractPlan): Record<string, unknown> =>
      Object.fromEntries(
        Object.entries(bodies(plan)).flatMap(([purpose, body]) =>
          purpose.startsWith('generate.') ? [[purpose, (body as { size: unknown }).size]] : [],
        ),
      );
    expect(sizes(await planContract(options('gpt-image-1')))).toEqual({
      'generate.b64': '1024x1024',
      'generate.n2': '1536x1024',
      'generate.portrait': '1024x1536',
    });
    // dall-e-3 takes n = 1 only: landscape gets a request of its own.
    expect(sizes(await planContract(options('dall-e-3')))).toEqual({
      'generate.b64': '1024x1024',
      'generate.portrait': '1024x1792',
      'generate.landscape': '1792x1024',
      'generate.url': '1024x1024',
    });
    // dall-e-2 has square sizes only, so nothing is added.
    expect(Object.keys(sizes(await planContract(options('dall-e-2'))))).toEqual([
      'generate.b64',
      'generate.n2',
      'generate.url',
    ]);
    // Over the budget, shapes are dropped with the reason, never the cap.
    const tight = await planContract(options('gpt-image-1', { maxImages: 3 }));
    expect(tight.billableImages).toBe(3);
    expect(Object.keys(sizes(tight))).toEqual(['generate.b64', 'generate.n2']);
  });

  it('adds a free request with the configured key when no selected check sends one', async () => {
    const plan = await planContract(options('gpt-image-1', { only: ['auth.'] }));
    const purposes = plan.requests.map((request) => request.purpose);
    expect(purposes).toEqual(['auth.missing-key', 'auth.wrong-key', 'probe.credentials']);
    const probe = plan.requests.at(-1);
    expect(probe?.billableImages).toBe(0);
    expect(probe?.headers.authorization).toMatch(/^Bearer /);
    expect(JSON.parse(probe?.body ?? '')).not.toHaveProperty('prompt');
    const withRejects = await planContract(options('gpt-image-1', { maxImages: 0 }));
    expect(withRejects.requests.map((request) => request.purpose)).not.toContain('probe.credentials');
  });

  it('skips the n=2 request for dall-e-3, whose maximum n is 1', async () => {
    const plan = await planContract(options('dall-e-3'));
    expect(skipped(plan, 'image.distinct')).toMatch(/n = 1 only/);
    expect(plan.checks.map((check) => check.id)).toContain('response.count');
    expect((bodies(plan)['reject.n-above-max'] as { n: number }).n).toBe(2);
    expect(plan.notes?.join()).toMatch(/retired/);
  });

  it('plans an unknown model conservatively and says so', async () => {
    const plan = await planContract(options('flux-schnell'));
    expect(plan.notes?.join()).toMatch(/not in the model table/);
    expect(bodies(plan)['generate.b64']).toMatchObject({ size: '1024x1024', response_format: 'b64_json' });
    expect(bodies(plan)['generate.b64']).not.toHaveProperty('quality');
    expect(skipped(plan, 'reject.size-unsupported')).toMatch(/not in the model table/);
    expect(plan.billableImages).toBeLessThanOrEqual(4);
    expect(skipped(plan, 'edit.valid')).toMatch(/not in the model table/);
  });

  it('builds Azure deployment URLs with api-key and generic templates with their own header', async () => {
    const azure = await planContract(
      options('dall-e-3', {
        provider: {
          kind: 'azure',
          baseUrl: 'https://res.openai.azure.com',
          apiKey: 'k',
          deployment: 'img',
          apiVersion: '2024-10-21',
        },
      }),
    );
    expect(azure.requests[0]?.url).toBe(
      'https://res.openai.azure.com/openai/deployments/img/images/generations?api-version=2024-10-21',
    );
    const generation = azure.requests.find((request) => request.purpose === 'generate.b64');
    expect(generation?.headers).toMatchObject({ 'api-key': 'k' });
    expect(generation?.headers).not.toHaveProperty('authorization');

    const generic = await planContract(
      options('sd', {
        provider: {
          kind: 'generic',
          baseUrl: 'http://127.0.0.1:8080/api',
          apiKey: 'k',
          pathTemplate: '/models/{model}/images',
          authHeader: 'X-Api-Key',
          authScheme: '',
        },
      }),
    );
    const request = generic.requests.find((candidate) => candidate.purpose === 'generate.b64');
    expect(request?.url).toBe('http://127.0.0.1:8080/api/models/sd/images');
    expect(request?.headers).toMatchObject({ 'x-api-key': 'k' });
  });

  it('sends only what the selected checks need', async () => {
    const plan = await planContract(options('dall-e-2', { only: ['reject.'], skip: ['reject.empty-body'] }));
    expect(plan.billableImages).toBe(0);
    expect(plan.requests.every((request) => request.purpose?.startsWith('reject.'))).toBe(true);
    expect(plan.requests.map((request) => request.purpose)).not.toContain('reject.empty-body');
  });

  it('refuses options that make no sense', async () => {
    await expect(planContract(options('dall-e-2', { only: ['image.nope'] }))).rejects.toThrow(ConfigError);
    await expect(planContract(options('dall-e-2', { maxImages: -1 }))).rejects.toThrow(/maxImages/);
    await expect(
      planContract({ ...options('x'), provider: { kind: 'openai', baseUrl: 'ftp://x' } }),
    ).rejects.toThrow(ConfigError);
  });
});
