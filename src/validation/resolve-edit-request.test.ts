import { describe, expect, it } from 'vitest';
import { loadSpec } from '../openapi/load-spec.js';
import { resolveEditRequest, sizeForAspect } from './resolve-edit-request.js';

const spec = await loadSpec();
const options = { strict: true, retiredModels: 'serve', defaultModel: undefined } as const;

describe('resolveEditRequest', () => {
  it('reads a form’s text as the generation’s types and applies its defaults', () => {
    const resolution = resolveEditRequest(
      spec,
      'edit',
      {
        fields: {
          model: 'gpt-image-1',
          prompt: 'a fox',
          n: '2',
          stream: 'true',
          partial_images: '1',
          input_fidelity: 'high',
        },
        fileFields: ['image'],
        form: true,
      },
      options,
    );
    expect(resolution.ok && resolution.request).toMatchObject({
      n: 2,
      stream: true,
      partial_images: 1,
      input_fidelity: 'high',
      autoSize: true,
      kind: 'edit',
    });
  });

  it('names a field sent as the wrong kind of part, and numbers that are not numbers', () => {
    const asFile = resolveEditRequest(
      spec,
      'edit',
      { fields: {}, fileFields: ['prompt'], form: true },
      options,
    );
    expect(!asFile.ok && asFile.error.message).toBe(
      "Invalid type for 'prompt': expected a string, but got a file instead.",
    );
    const nan = resolveEditRequest(
      spec,
      'edit',
      { fields: { prompt: 'x', n: '1.5' }, fileFields: [], form: true },
      options,
    );
    expect(!nan.ok && [nan.error.param, nan.error.code]).toEqual(['n', 'invalid_type']);
  });

  it('gives variations dall-e-2 and no prompt', () => {
    const resolution = resolveEditRequest(
      spec,
      'variation',
      { fields: {}, fileFields: ['image'], form: true },
      { ...options, defaultModel: 'gpt-image-1' },
    );
    expect(
      resolution.ok && [resolution.request.model, resolution.request.prompt, resolution.request.size],
    ).toEqual(['dall-e-2', '', '1024x1024']);
  });
});

describe('sizeForAspect', () => {
  it('picks the model’s size nearest the image’s aspect, up to 1536 pixels an edge', () => {
    const model = spec.models.get('gpt-image-2')!;
    expect(sizeForAspect(model, 1920, 1080)).toBe('1536x1024');
    expect(sizeForAspect(model, 1080, 1920)).toBe('1024x1536');
    expect(sizeForAspect(model, 1000, 1100)).toBe('1024x1024');
  });
});
