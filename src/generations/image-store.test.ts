import { describe, expect, it } from 'vitest';
import { renderImage } from '../images/index.js';
import type { ImageParams } from '../images/index.js';
import { createImageStore } from './image-store.js';
import { imageKey } from './image-token.js';

const params: ImageParams = {
  model: 'dall-e-2',
  prompt: 'a fox',
  width: 256,
  height: 256,
  quality: 'standard',
  style: 'vivid',
  index: 0,
};

describe('createImageStore', () => {
  it('renders the same bytes as renderImage, once per image', () => {
    const images = createImageStore({ cacheBytes: 1024 * 1024 });
    const first = images.render(params);
    expect(first.equals(renderImage(params))).toBe(true);
    expect(images.render({ ...params })).toBe(first);
  });

  it('turns an issued token back into the image, with its key and the cached bytes', () => {
    const images = createImageStore({ cacheBytes: 1024 * 1024 });
    const stored = images.get(images.tokenFor(params));
    expect(stored?.params).toEqual(params);
    expect(stored?.key).toBe(imageKey(params));
    expect(stored?.bytes()).toBe(images.render(params));
  });

  it('knows nothing of a token it cannot have issued', () => {
    expect(createImageStore({ cacheBytes: 0 }).get('not-a-token')).toBeUndefined();
  });
});
