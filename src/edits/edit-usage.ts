import { outputTokensPerImage } from '../openapi/models.js';
import type { ImageUsage } from '../generations/create-generation.js';
import type { EditRequest } from '../validation/resolve-edit-request.js';

/**
 * Input image tokens of one picture, by the tile rule OpenAI documents for image inputs (a documented
 * approximation: the images endpoints publish no rule of their own): fit within 2048x2048, shrink so the
 * short side is at most 768, then 85 tokens plus 170 per 512-pixel tile.
 */
export function imageInputTokens(width: number, height: number): number {
  const fit = Math.min(1, 2048 / Math.max(width, height));
  const shrink = Math.min(1, 768 / (Math.min(width, height) * fit));
  const w = Math.max(1, Math.round(width * fit * shrink));
  const h = Math.max(1, Math.round(height * fit * shrink));
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

/**
 * `usage` of an edit answer: text tokens (about four characters each) and the input images' tokens in, the
 * model table's image tokens per output image out, `n` images (1 for one streamed image's event).
 */
export function estimateEditUsage(
  request: Pick<EditRequest, 'prompt' | 'profile' | 'quality' | 'size' | 'n'>,
  inputs: readonly { width: number; height: number }[],
): ImageUsage {
  const textTokens = Math.max(1, Math.ceil(request.prompt.length / 4));
  const imageTokens = inputs.reduce((sum, input) => sum + imageInputTokens(input.width, input.height), 0);
  const outputTokens = outputTokensPerImage(request.profile, request.quality, request.size) * request.n;
  return {
    input_tokens: textTokens + imageTokens,
    input_tokens_details: { image_tokens: imageTokens, text_tokens: textTokens },
    output_tokens: outputTokens,
    total_tokens: textTokens + imageTokens + outputTokens,
  };
}
