import { describe, expect, it } from 'vitest';
import { ImageCache } from './image-cache.js';

const bytes = (size: number, fill = 1): Buffer => Buffer.alloc(size, fill);

describe('ImageCache', () => {
  it('renders once per key and serves repeats from memory', () => {
    const cache = new ImageCache(1000);
    let renders = 0;
    const render = (): Buffer => (renders++, bytes(100));
    const first = cache.getOrRender('a', render);
    expect(cache.getOrRender('a', render)).toBe(first);
    expect(renders).toBe(1);
  });

  it('stays within its byte budget, evicting the least recently used', () => {
    const cache = new ImageCache(250);
    cache.getOrRender('a', () => bytes(100));
    cache.getOrRender('b', () => bytes(100));
    cache.getOrRender('a', () => bytes(100)); // a is now the most recent
    cache.getOrRender('c', () => bytes(100)); // evicts b
    expect(cache.size).toEqual({ entries: 2, bytes: 200 });
    let rendered = false;
    cache.getOrRender('a', () => ((rendered = true), bytes(100)));
    expect(rendered).toBe(false);
    cache.getOrRender('b', () => ((rendered = true), bytes(100)));
    expect(rendered).toBe(true);
  });

  it('does not keep an entry larger than the whole budget', () => {
    const cache = new ImageCache(50);
    expect(cache.getOrRender('big', () => bytes(100))).toHaveLength(100);
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });
});
