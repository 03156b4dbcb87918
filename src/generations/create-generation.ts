import type { RenderParams } from '../images/index.js';
import { outputTokensPerImage, parseSize } from '../openapi/models.js';
import type { GenerationRequest } from '../validation/resolve-request.js';
import type { ImageStore } from './image-store.js';
import { Base64Bytes } from './json-pieces.js';
import { reviseDeterministically } from './revised-prompt.js';

/** What one generation needs from its surroundings. */
export interface GenerationContext {
  /** Renders (or fetches from cache) one image, and names the ones answered as URLs. */
  images: Pick<ImageStore, 'renderAll' | 'tokenFor'>;
  /** Absolute URL for an image token, e.g. `http://127.0.0.1:4010/v1/images/files/<token>.png`. */
  imageUrl: (token: string) => string;
  /** Unix seconds; only `created` reads the clock, never the image bytes. */
  nowSeconds: () => number;
}

export interface ImageItem {
  url?: string;
  /** The bytes, written as base64 by `jsonPieces` (json-pieces.ts). */
  b64_json?: Base64Bytes;
  revised_prompt?: string;
}

/** `usage` of the GPT image models (`ImageGenUsage`). */
export interface ImageUsage {
  input_tokens: number;
  input_tokens_details: { image_tokens: number; text_tokens: number };
  output_tokens: number;
  total_tokens: number;
}

/**
 * The answer; the GPT image models add the echoed settings and `usage`, in the real API's key order.
 * Serialised with `jsonPieces`, which writes each image's base64 a slice at a time.
 */
export interface GenerationResponse {
  created: number;
  background?: 'transparent' | 'opaque';
  data: ImageItem[];
  output_format?: string;
  quality?: string;
  size?: string;
  usage?: ImageUsage;
}

/**
 * Builds the response body for a validated request. URL answers render nothing until fetched; base64 ones
 * render their `n` images together (in parallel in the worker pool), or reject with the 503 of a full
 * render queue before any of them starts.
 */
export async function createGeneration(
  request: GenerationRequest,
  context: GenerationContext,
): Promise<GenerationResponse> {
  const created = context.nowSeconds();
  const list = Array.from({ length: request.n }, (_, index) => toRenderParams(request, index));
  const rendered = request.response_format === 'b64_json' ? await context.images.renderAll(list) : [];
  const data: ImageItem[] = [];
  for (const [index, params] of list.entries()) {
    const bytes = rendered[index];
    const item: ImageItem = bytes
      ? { b64_json: new Base64Bytes(bytes) }
      : { url: context.imageUrl(context.images.tokenFor(params)) };
    if (request.profile.revisesPrompt) item.revised_prompt = await reviseDeterministically(params);
    data.push(item);
  }
  return answerBody(request, created, data, () => estimateUsage(request));
}

/**
 * The answer around its images: `created` and `data` for the DALL-E models; the GPT image models add the
 * resolved settings and `usage`, in the real API's key order. Generations and edits answer alike.
 */
export function answerBody(
  request: GenerationRequest,
  created: number,
  data: ImageItem[],
  usage: () => ImageUsage,
): GenerationResponse {
  if (request.profile.family !== 'gpt-image') return { created, data };
  return {
    created,
    background: request.background,
    data,
    output_format: request.output_format,
    quality: request.quality,
    size: request.size,
    usage: usage(),
  };
}

/** The render parameters of image `index` of a request. PNG, opaque: the DALL-E models' bytes, unchanged. */
export function toRenderParams(request: GenerationRequest, index: number): RenderParams {
  const { width, height } = parseSize(request.size) ?? { width: 1024, height: 1024 };
  const params: RenderParams = {
    model: request.model,
    prompt: request.prompt,
    width,
    height,
    quality: request.quality,
    style: request.style,
    index,
  };
  if (request.output_format !== 'png') {
    params.outputFormat = request.output_format;
    params.compression = request.output_compression;
  }
  if (request.background === 'transparent') params.background = 'transparent';
  return params;
}

/**
 * Token counts as the real API reports them: the prompt's text tokens (about four characters each) in,
 * the model table's image tokens per image out.
 */
export function estimateUsage(request: GenerationRequest): ImageUsage {
  const textTokens = Math.max(1, Math.ceil(request.prompt.length / 4));
  const outputTokens = outputTokensPerImage(request.profile, request.quality, request.size) * request.n;
  return {
    input_tokens: textTokens,
    input_tokens_details: { image_tokens: 0, text_tokens: textTokens },
    output_tokens: outputTokens,
    total_tokens: textTokens + outputTokens,
  };
}
