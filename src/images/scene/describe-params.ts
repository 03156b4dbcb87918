/** Parameters of one generated image; the PNG bytes are a pure function of these. */
export interface ImageParams {
  /** Model name, e.g. `dall-e-3`. */
  model: string;
  /** Any Unicode text, possibly thousands of characters long. */
  prompt: string;
  /** Width in pixels (integer). */
  width: number;
  /** Height in pixels (integer). */
  height: number;
  /** `hd` and `high` draw more detail; anything else renders like `standard`. */
  quality: string;
  /** `natural` gives muted, earthy colours; anything else renders like `vivid`. */
  style: string;
  /** 0-based index of the image within one request. */
  index: number;
}

/** The params as stored in the PNG `Description` text chunk, keys in a fixed order. */
export interface ParamsDescription {
  model: string;
  prompt: string;
  size: string;
  quality: string;
  style: string;
  index: number;
}

export type ColorStyle = 'vivid' | 'natural';

/** Orders the params canonically: the same params always give the same JSON. */
export function describeParams(params: ImageParams): ParamsDescription {
  return {
    model: params.model,
    prompt: params.prompt,
    size: `${params.width}x${params.height}`,
    quality: params.quality,
    style: params.style,
    index: params.index,
  };
}

export function resolveStyle(style: string): ColorStyle {
  return style === 'natural' ? 'natural' : 'vivid';
}

export function hasHighDetail(quality: string): boolean {
  return quality === 'hd' || quality === 'high';
}
