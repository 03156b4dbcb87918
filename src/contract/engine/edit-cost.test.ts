import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../openapi/load-spec.js';
import { editCostUsd, inputImageTokens, promptTokens } from './edit-cost.js';

describe('the estimate of an edit', () => {
  it('counts input image tokens by tiles of 512 after scaling the shorter side to 768', () => {
    expect(inputImageTokens(256, 256)).toBe(85 + 170 * 4);
    expect(inputImageTokens(1024, 1024)).toBe(85 + 170 * 4);
    // 4096x2048 fits 2048x1024, then 1536x768: 3 x 2 tiles.
    expect(inputImageTokens(4096, 2048)).toBe(85 + 170 * 6);
    expect(promptTokens('abcde')).toBe(2);
  });

  it('bills dall-e-2 per image and the GPT image models for their input too', async () => {
    const { models } = await loadSpec();
    const dalle2 = models.get('dall-e-2');
    const mini = models.get('gpt-image-1-mini');
    const gpt2 = models.get('gpt-image-2');
    if (!dalle2 || !mini || !gpt2) throw new Error('the model table lacks a model these figures are for');
    const inputs = [{ width: 256, height: 256 }];
    const ask = { quality: 'low', size: '1024x1024', n: 1, inputs, prompt: 'abcd' };
    expect(editCostUsd(dalle2, { ...ask, quality: 'standard', size: '256x256', n: 2 })).toBeCloseTo(0.032, 9);
    // 0.005 for 272 output tokens; 766 input tokens at a quarter of the output token price.
    expect(editCostUsd(mini, ask)).toBeCloseTo(0.005 + (766 * 0.005) / 272 / 4, 9);
    // gpt-image-2's tokens are scaled by pixels from its per-megapixel rate (459 at low).
    expect(editCostUsd(gpt2, ask)).toBeCloseTo(0.006 + (766 * 0.006) / 459 / 4, 9);
    expect(editCostUsd(mini, ask)).toBeGreaterThan(editCostUsd(mini, { ...ask, inputs: [] }));
  });
});
