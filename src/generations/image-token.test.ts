import { describe, expect, it } from 'vitest';
import type { ImageParams, RenderParams } from '../images/index.js';
import {
  decodeImageToken,
  decodeRenderToken,
  encodeImageToken,
  encodeRenderToken,
  imageKey,
} from './image-token.js';

const params: ImageParams = {
  model: 'dall-e-3',
  prompt: 'a fox, «un renard», 狐',
  width: 1792,
  height: 1024,
  quality: 'hd',
  style: 'natural',
  index: 3,
};

describe('image tokens', () => {
  it('round-trip the parameters, short and long prompts alike, in URL-safe characters', () => {
    for (const prompt of [params.prompt, 'long '.repeat(2000)]) {
      const token = encodeImageToken({ ...params, prompt });
      expect(token).toMatch(/^[jz][A-Za-z0-9_-]+$/);
      expect(decodeImageToken(token)).toEqual({ ...params, prompt });
    }
  });

  it('compress long prompts', () => {
    const prompt = 'long '.repeat(2000);
    expect(encodeImageToken({ ...params, prompt }).length).toBeLessThan(prompt.length / 4);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'j$$$'],
    ['unknown prefix', 'xAAAA'],
    ['not JSON', `j${Buffer.from('nope').toString('base64url')}`],
    [
      'wrong version',
      `j${Buffer.from(JSON.stringify([2, 'm', 'p', 1, 1, 'q', 's', 0])).toString('base64url')}`,
    ],
    [
      'wrong types',
      `j${Buffer.from(JSON.stringify([1, 'm', 'p', '1', 1, 'q', 's', 0])).toString('base64url')}`,
    ],
    ['corrupt deflate', 'zAAAAAAAA'],
  ])('refuse a token that is %s', (_name, token) => {
    expect(decodeImageToken(token)).toBeUndefined();
  });

  it('give every distinct image its own key, and the same image the same key', () => {
    expect(imageKey(params)).toBe(imageKey({ ...params }));
    expect(imageKey({ ...params, index: 4 })).not.toBe(imageKey(params));
    expect(imageKey({ ...params, prompt: `${params.prompt} ` })).not.toBe(imageKey(params));
  });

  it('carry the output options in a render token, which the URL decoder refuses', () => {
    const rendered: RenderParams = {
      ...params,
      outputFormat: 'webp',
      compression: 80,
      background: 'transparent',
      partial: { index: 1, count: 3 },
    };
    const token = encodeRenderToken(rendered);
    expect(decodeRenderToken(token)).toEqual(rendered);
    expect(decodeImageToken(token)).toBeUndefined();
    expect(decodeRenderToken(encodeRenderToken(params))).toEqual(params);
    expect(decodeRenderToken(encodeImageToken(params))).toEqual(params);
    const bad = `j${Buffer.from(JSON.stringify([2, 'm', 'p', 1, 1, 'q', 's', 0, ['png', 'x', null, null, null]])).toString('base64url')}`;
    expect(decodeRenderToken(bad)).toBeUndefined();
  });
});
