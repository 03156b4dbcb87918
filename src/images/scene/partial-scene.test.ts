import { describe, expect, it } from 'vitest';
import { composeScene, type Scene } from './compose-scene.js';
import type { ImageParams } from './image-params.js';
import { describePartial } from './partial-scene.js';

const params = (width: number, height: number): ImageParams => ({
  model: 'gpt-image-1',
  prompt: 'a harbour at dusk',
  width,
  height,
  quality: 'high',
  style: 'vivid',
  index: 0,
});

const blockSizes = (scene: Scene, count: number): number[] =>
  Array.from({ length: count }, (_, index) => describePartial(scene, { index, count }).blockSize);

describe('describePartial', () => {
  it('starts with blocks of about 1/16 of the shorter side and sharpens, never to single pixels', () => {
    const square = composeScene(params(1024, 1024));
    expect(blockSizes(square, 1)).toEqual([64]);
    expect(blockSizes(square, 2)).toEqual([64, 8]);
    expect(blockSizes(square, 3)).toEqual([64, 16, 4]);
    expect(blockSizes(composeScene(params(1536, 1024)), 3)).toEqual([64, 16, 4]);
    expect(blockSizes(composeScene(params(17, 9)), 3)).toEqual([2, 2, 2]);
    const many = blockSizes(square, 10);
    expect(Math.min(...many)).toBe(2);
    for (let i = 1; i < many.length; i++) expect(many[i]).toBeLessThanOrEqual(many[i - 1] ?? 0);
  });

  it('keeps the backdrop and adds the other layers in painting order, the label only in the final image', () => {
    const scene = composeScene(params(1024, 1024));
    const subjects = scene.layers.filter((layer) => !(layer.kind === 'shape' && layer.backdrop === true));
    expect(scene.layers.at(-1)?.kind).toBe('label');
    let previous = -1;
    for (let index = 0; index < 3; index++) {
      const { layers } = describePartial(scene, { index, count: 3 }).scene;
      expect(layers.every((layer) => scene.layers.includes(layer))).toBe(true);
      expect(layers.filter((layer) => layer.kind === 'shape' && layer.backdrop === true).length).toBe(
        scene.layers.length - subjects.length,
      );
      const kept = layers.filter((layer) => subjects.includes(layer));
      expect(kept).toEqual(subjects.slice(0, kept.length));
      expect(kept.length).toBeGreaterThan(previous);
      expect(kept.length).toBeLessThan(subjects.length);
      previous = kept.length;
    }
  });
});
