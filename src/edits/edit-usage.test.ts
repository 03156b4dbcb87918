import { describe, expect, it } from 'vitest';
import { loadSpec } from '../openapi/load-spec.js';
import { estimateEditUsage, imageInputTokens } from './edit-usage.js';

describe('edit usage', () => {
  it('counts input images by the tile rule: fit 2048, short side 768, 85 + 170 per 512-pixel tile', () => {
    expect(imageInputTokens(512, 512)).toBe(85 + 170 * 1);
    expect(imageInputTokens(1024, 1024)).toBe(85 + 170 * 4); // 768x768: 2x2 tiles
    expect(imageInputTokens(4096, 2048)).toBe(85 + 170 * 6); // 2048x1024 -> 1536x768: 3x2 tiles
    expect(imageInputTokens(100, 50)).toBe(85 + 170 * 1);
  });

  it('adds the images to the text tokens in, and the model table’s image tokens out', async () => {
    const spec = await loadSpec();
    const profile = spec.models.get('gpt-image-1')!;
    const usage = estimateEditUsage(
      { prompt: 'a red fox', profile, quality: 'low', size: '1024x1024', n: 2 },
      [
        { width: 1024, height: 1024 },
        { width: 512, height: 512 },
      ],
    );
    expect(usage).toEqual({
      input_tokens: 3 + 765 + 255,
      input_tokens_details: { image_tokens: 1020, text_tokens: 3 },
      output_tokens: 544,
      total_tokens: 3 + 1020 + 544,
    });
  });
});
