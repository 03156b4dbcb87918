import { renderImage } from '../images/index.js';
import type { RenderParams } from '../images/index.js';
import type { ImageParams } from '../images/index.js';
import type { MockOptions } from '../options.js';
import { ImageCache } from './image-cache.js';
import {
  decodeImageToken,
  decodeRenderToken,
  encodeImageToken,
  encodeRenderToken,
  imageKey,
} from './image-token.js';

/** An image an URL token stands for: its parameters, its identity (the ETag) and, on demand, its bytes. */
export interface StoredImage<Params extends ImageParams = ImageParams> {
  params: Params;
  key: string;
  /** Renders the image, or takes it from the cache. */
  bytes: () => Buffer;
}

/**
 * Where generations get their images: each one rendered once, then served from a cache bounded in bytes.
 * URL images are not stored at all: their token carries their parameters, so any replica can draw them.
 */
export interface ImageStore {
  /** The bytes of one image, rendered or from the cache. */
  render(params: RenderParams): Buffer;
  /** The token of an image URL, which `get` turns back into the image. */
  tokenFor(params: ImageParams): string;
  /** The image behind a token, or undefined for one this server cannot have issued. */
  get(token: string): StoredImage | undefined;
  /** The token of any image rendered, in any format: what the admin image route serves. */
  renderTokenFor(params: RenderParams): string;
  /** The image behind a render token (or a URL token), or undefined for one this server cannot have issued. */
  getRendered(token: string): StoredImage<RenderParams> | undefined;
}

/**
 * Builds the store once per app; the app injects it into the routes that need images.
 *
 * @example
 * const images = createImageStore({ cacheBytes: 64 * 1024 * 1024 });
 * const png = images.render({ model: 'dall-e-2', prompt: 'a fox', width: 256, height: 256, quality: 'standard', style: 'vivid', index: 0 });
 */
export function createImageStore(options: Pick<MockOptions, 'cacheBytes'>): ImageStore {
  const cache = new ImageCache(options.cacheBytes);
  const renderCached = (params: RenderParams, key: string): Buffer =>
    cache.getOrRender(key, () => renderImage(params));
  return {
    render: (params) => renderCached(params, imageKey(params)),
    tokenFor: encodeImageToken,
    get(token) {
      const params = decodeImageToken(token);
      if (!params) return undefined;
      const key = imageKey(params);
      return { params, key, bytes: () => renderCached(params, key) };
    },
    renderTokenFor: encodeRenderToken,
    getRendered(token) {
      const params = decodeRenderToken(token);
      if (!params) return undefined;
      const key = imageKey(params);
      return { params, key, bytes: () => renderCached(params, key) };
    },
  };
}
