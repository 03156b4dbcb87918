import { describe, expect, it } from 'vitest';
import { ByteCache } from './byte-cache.js';

describe('ByteCache', () => {
  it('evicts the least recently used entries once over its budget in bytes', () => {
    const cache = new ByteCache(10);
    cache.set('a', Buffer.alloc(4));
    cache.set('b', Buffer.alloc(4));
    expect(cache.get('a')?.length).toBe(4); // a is now the most recent
    cache.set('c', Buffer.alloc(4));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.size).toEqual({ entries: 2, bytes: 8 });
  });

  it('keeps nothing larger than the whole budget, and counts a replaced entry once', () => {
    const cache = new ByteCache(10);
    cache.set('big', Buffer.alloc(11));
    expect(cache.get('big')).toBeUndefined();
    cache.set('a', Buffer.alloc(6));
    cache.set('a', Buffer.alloc(3));
    expect(cache.size).toEqual({ entries: 1, bytes: 3 });
  });
});
