import { outputTokensPerImage, pricePerImage, type ModelProfile } from '../../openapi/models.js';

/**
 * What an edit is estimated to cost. dall-e-2 bills edits and variations per image, as its generations.
 * The GPT image models bill the output image as a generation (the model table's price per image) plus the
 * input: the uploaded image's tokens and the prompt's. The model table has no input prices, so the
 * estimate prices an input token at a quarter of what an output token costs by the table (the price per
 * image over its output tokens): the ratio of OpenAI's list prices for image input and output tokens
 * ($10 and $40 per million for gpt-image-1, $8 and $32 for gpt-image-1.5; gpt-image-1-mini's is lower).
 * Prompt text is priced as image input, which costs more than text input: the estimate errs high.
 */

/** An input token's price as a fraction of an output token's. */
export const INPUT_TOKEN_PRICE_RATIO = 0.25;

/** Tiles and their token counts of OpenAI's published rule for image inputs at high detail. */
const TILE = 512;
const BASE_TOKENS = 85;
const TOKENS_PER_TILE = 170;

/**
 * Tokens of one input image by OpenAI's published rule for image inputs at high detail: fit within
 * 2048x2048, scale so that the shorter side is 768 (here up as well as down, which counts a small image as
 * a large one: the estimate errs high), then 85 tokens plus 170 per 512-pixel tile. A 256x256 image is
 * 768x768: 4 tiles, 765 tokens.
 */
export function inputImageTokens(width: number, height: number): number {
  const fit = Math.min(1, 2048 / Math.max(width, height));
  const shorter = Math.min(width, height) * fit;
  const scale = fit * (768 / shorter);
  const tiles = Math.ceil((width * scale) / TILE) * Math.ceil((height * scale) / TILE);
  return BASE_TOKENS + TOKENS_PER_TILE * tiles;
}

/** Tokens of the prompt, at the usual four characters a token, rounded up. */
export function promptTokens(prompt: string): number {
  return Math.ceil(prompt.length / 4);
}

/**
 * Estimated USD of one edit request making `n` images of `size` at `quality` from input images of the
 * given sizes. When the table gives no output tokens for the model, the input is priced as one more
 * output image.
 */
export function editCostUsd(
  profile: ModelProfile,
  {
    quality,
    size,
    n,
    inputs,
    prompt,
  }: {
    quality: string;
    size: string;
    n: number;
    inputs: readonly { width: number; height: number }[];
    prompt: string;
  },
): number {
  const perImage = pricePerImage(profile, quality, size);
  if (profile.family !== 'gpt-image') return n * perImage;
  const outputTokens = outputTokensPerImage(profile, quality, size);
  if (outputTokens === 0) return (n + 1) * perImage;
  const tokens =
    inputs.reduce((sum, input) => sum + inputImageTokens(input.width, input.height), 0) +
    promptTokens(prompt);
  return n * perImage + (tokens * perImage * INPUT_TOKEN_PRICE_RATIO) / outputTokens;
}
