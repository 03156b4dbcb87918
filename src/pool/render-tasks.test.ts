import { describe, expect, it } from 'vitest';
import { ownedBytes } from './render-tasks.js';

describe('ownedBytes', () => {
  it('copies a small Buffer out of the shared pool, leaving the pool as it was', () => {
    const small = Buffer.from('a small image');
    expect(small.buffer.byteLength).toBeGreaterThan(small.byteLength); // a slice of the pool
    const owned = ownedBytes(small);
    expect(owned.buffer).not.toBe(small.buffer);
    expect(owned.byteOffset).toBe(0);
    expect(owned.byteLength).toBe(owned.buffer.byteLength);
    expect(Buffer.from(owned).toString()).toBe('a small image');
    expect(Buffer.isBuffer(owned)).toBe(false); // not Buffer#slice, which would be a view of the pool
  });

  it('keeps bytes that already have an ArrayBuffer of their own', () => {
    const whole = new Uint8Array(64 * 1024).fill(7);
    expect(ownedBytes(whole)).toBe(whole);
  });
});
