import { describe, expect, it } from 'vitest';
import { ByteCache } from './byte-cache.js';

const bytes = (size: number, fill = 1): Buffer => Buffer.alloc(size, fill);

describe('ByteCache', () => {
  it('gives back what it keeps, and nothing for a key it never saw', () => {
    const cache = new ByteCache(1000);
    const value = bytes(100);
    cache.set('a', value);
    expect(cache.get('a')).toBe(value);
    expect(cache.get('b')).toBeUndefined();
  });

  it('stays within its byte budget, evicting the least recently used', () => {
    const cache = new ByteCache(250);
    cache.set('a', bytes(100));
    cache.set('b', bytes(100));
    cache.get('a'); // a is now the most recent
    cache.set('c', bytes(100)); // evicts b
    expect(cache.size).toEqual({ entries: 2, bytes: 200 });
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('b')).toBeUndefined();
  });

  it('counts a key set twice once, at its new size', () => {
    const cache = new ByteCache(1000);
    cache.set('a', bytes(100));
    cache.set('a', bytes(40));
    expect(cache.size).toEqual({ entries: 1, bytes: 40 });
    cache.set('a', bytes(2000)); // too large: the stale bytes go too
    expect(cache.get('a')).toBeUndefined();
  });

  it('does not keep an entry larger than the whole budget', () => {
    const cache = new ByteCache(50);
    cache.set('big', bytes(100));
    expect(cache.size).toEqual({ entries: 0, bytes: 0 });
  });
});
