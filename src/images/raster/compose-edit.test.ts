import { describe, expect, it } from 'vitest';
import { composeEdit, type Keep } from './compose-edit.js';

const SCENE = 0xff204060; // an opaque scene pixel: r 0x20, g 0x40, b 0x60
const CLEAR = 0; // the clear backdrop of a transparent scene

/** Composes one input pixel (RGBA) over one scene pixel (ARGB); returns [r, g, b, a]. */
function composeOne(
  input: readonly number[],
  scene: number,
  keep: Keep,
  transparent: boolean,
  tone?: Int32Array,
): number[] {
  const pixels = Uint32Array.of(scene);
  composeEdit({
    scene: { width: 1, height: 1, pixels },
    input: { width: 1, height: 1, data: Uint8Array.from(input) },
    keep,
    transparent,
    ...(tone === undefined ? {} : { tone }),
  });
  const argb = pixels[0] ?? 0;
  return [(argb >>> 16) & 255, (argb >>> 8) & 255, argb & 255, argb >>> 24];
}

const mask = (value: number): Keep => ({ kind: 'mask', alpha: Uint8Array.of(value) });

describe('composeEdit', () => {
  it('keeps the input exactly where the mask is opaque, the scene where it is clear', () => {
    for (const transparent of [false, true]) {
      expect(composeOne([200, 100, 50, 255], SCENE, mask(255), transparent)).toEqual([200, 100, 50, 255]);
      expect(composeOne([200, 100, 50, 255], SCENE, mask(0), transparent)).toEqual([0x20, 0x40, 0x60, 255]);
    }
    expect(composeOne([200, 100, 50, 255], CLEAR, mask(0), true)).toEqual([0, 0, 0, 0]);
    expect(composeOne([200, 100, 50, 77], CLEAR, mask(255), true)).toEqual([200, 100, 50, 77]);
  });

  it('blends by the mask in between, rounding to the nearest level', () => {
    const half = composeOne([255, 0, 0, 255], 0xff0000ff, mask(128), false);
    expect(half).toEqual([128, 0, 127, 255]);
    // Transparent output over the clear backdrop: the colour stays, the alpha halves.
    expect(composeOne([255, 0, 0, 255], CLEAR, mask(128), true)).toEqual([255, 0, 0, 128]);
  });

  it("shows the scene through the input's transparent pixels when the output is opaque", () => {
    expect(composeOne([200, 100, 50, 0], SCENE, mask(255), false)).toEqual([0x20, 0x40, 0x60, 255]);
    expect(composeOne([200, 100, 50, 0], SCENE, { kind: 'input-alpha' }, false)).toEqual([
      0x20, 0x40, 0x60, 255,
    ]);
    expect(composeOne([200, 100, 50, 255], SCENE, { kind: 'input-alpha' }, false)).toEqual([
      200, 100, 50, 255,
    ]);
  });

  it('lays the scene over the input at a constant opacity, leaving it alone under a clear backdrop', () => {
    const keep: Keep = { kind: 'constant', value: 160 };
    const blended = composeOne([255, 255, 255, 255], SCENE, keep, false);
    expect(blended).toEqual([172, 184, 196, 255]); // 160/255 white + 95/255 scene
    expect(composeOne([255, 255, 255, 255], SCENE, keep, true)).toEqual(blended);
    expect(composeOne([10, 20, 30, 200], CLEAR, keep, true)).toEqual([10, 20, 30, 200]);
  });

  it('applies the tone matrix to the input first', () => {
    const swap = Int32Array.of(0, 4096, 0, 4096, 0, 0, 0, 0, 4096); // r <- g, g <- r
    expect(composeOne([200, 100, 50, 255], SCENE, mask(255), false, swap)).toEqual([100, 200, 50, 255]);
  });
});
