import type { ImageParams } from '../images/render-png.js';
import type { GenerationRequest } from '../validation/resolve-request.js';
import { encodeImageToken } from './image-token.js';
import { reviseDeterministically } from './revised-prompt.js';

/** What one generation needs from its surroundings. */
export interface GenerationContext {
  /** Renders (or fetches from cache) the PNG for one image. */
  renderImage: (params: ImageParams) => Buffer;
  /** Absolute URL for an image token, e.g. `http://127.0.0.1:4010/v1/images/files/<token>.png`. */
  imageUrl: (token: string) => string;
  /** Unix seconds; only `created` reads the clock, never the image bytes. */
  nowSeconds: () => number;
}

export interface ImageItem {
  url?: string;
  b64_json?: string;
  revised_prompt?: string;
}

export interface GenerationResponse {
  created: number;
  data: ImageItem[];
}

/** Models whose answers restate the prompt, as dall-e-3 does. */
const PROMPT_REVISING_MODELS: ReadonlySet<string> = new Set(['dall-e-3']);

/** Builds the response body for a validated request. URL answers render nothing until fetched. */
export async function createGeneration(
  request: GenerationRequest,
  context: GenerationContext,
): Promise<GenerationResponse> {
  const { width, height } = parseSize(request.size);
  const revisesPrompt = PROMPT_REVISING_MODELS.has(request.model);
  const data: ImageItem[] = [];
  for (let index = 0; index < request.n; index++) {
    const params: ImageParams = {
      model: request.model,
      prompt: request.prompt,
      width,
      height,
      quality: request.quality,
      style: request.style,
      index,
    };
    const item: ImageItem =
      request.response_format === 'b64_json'
        ? { b64_json: context.renderImage(params).toString('base64') }
        : { url: context.imageUrl(encodeImageToken(params)) };
    if (revisesPrompt) item.revised_prompt = await reviseDeterministically(params);
    data.push(item);
  }
  return { created: context.nowSeconds(), data };
}

/** `'1792x1024'` -> `{ width: 1792, height: 1024 }`. */
export function parseSize(size: string): { width: number; height: number } {
  const match = /^(\d+)x(\d+)$/.exec(size);
  if (!match) throw new RangeError(`size '${size}' is not WIDTHxHEIGHT`);
  return { width: Number(match[1]), height: Number(match[2]) };
}
