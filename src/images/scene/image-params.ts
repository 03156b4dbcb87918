/** Parameters of one generated image; the picture is a pure function of these. */
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

export type ColorStyle = 'vivid' | 'natural';

export function resolveStyle(style: string): ColorStyle {
  return style === 'natural' ? 'natural' : 'vivid';
}

export function hasHighDetail(quality: string): boolean {
  return quality === 'hd' || quality === 'high';
}
