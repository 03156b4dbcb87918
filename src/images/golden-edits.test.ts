import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderEdit } from './render-edit.js';
import { buildSampleEdit, type SampleEdit } from './sample-edit.js';

type GoldenEdit = SampleEdit & { sha256: string };

const GOLDEN = JSON.parse(
  readFileSync(new URL('../../fixtures/golden-edits.json', import.meta.url), 'utf8'),
) as GoldenEdit[];

function describeCase(golden: GoldenEdit): string {
  const { params, kind, base, mask } = golden;
  const { outputFormat = 'png', background, partial } = params;
  return [
    `${kind} of ${base.width}x${base.height}${base.clear ? ' with a hole' : ''}${mask ? ' and a mask' : ''}`,
    `-> ${params.width}x${params.height} ${params.model} #${params.index} ${outputFormat}`,
    background === 'transparent' ? 'transparent' : '',
    partial === undefined ? '' : `partial ${partial.index}/${partial.count}`,
  ]
    .filter((part) => part !== '')
    .join(' ');
}

describe('golden edits', () => {
  it('cover edits with and without a mask, holes, scaling, variations and every output option', () => {
    const kinds = GOLDEN.map(
      ({ kind, mask, base }) => `${kind}${mask ? ' mask' : ''}${base.clear ? ' hole' : ''}`,
    );
    for (const kind of ['edit mask', 'edit hole', 'edit', 'edit mask hole', 'variation', 'variation hole'])
      expect(kinds).toContain(kind);
    const options = GOLDEN.map(({ params }) =>
      [params.outputFormat ?? 'png', params.background ?? '', params.partial ? 'partial' : '']
        .join(' ')
        .trim(),
    );
    for (const option of ['png', 'jpeg', 'webp', 'png transparent', 'webp transparent', 'png  partial'])
      expect(options).toContain(option);
    expect(
      GOLDEN.some(({ params, base }) => params.width !== base.width || params.height !== base.height),
    ).toBe(true);
    expect(GOLDEN.some(({ params, base }) => params.width * base.height !== params.height * base.width)).toBe(
      true,
    );
  });

  it.each(GOLDEN.map((golden) => [describeCase(golden), golden] as const))(
    'renders %s unchanged',
    (_, golden) => {
      const actual = createHash('sha256')
        .update(renderEdit(buildSampleEdit(golden)))
        .digest('hex');
      expect(
        actual,
        'renderEdit output changed: every user of the edits endpoints sees different images. If intended, look at ' +
          'the new images, then put the received hash into fixtures/golden-edits.json.',
      ).toBe(golden.sha256);
    },
  );

  it.each(GOLDEN.map((golden) => [describeCase(golden), golden] as const))(
    'decodes %s at its size, with alpha only when transparent',
    async (_, golden) => {
      const image = renderEdit(buildSampleEdit(golden));
      const { params } = golden;
      const { info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([params.width, params.height]);
      if ((params.outputFormat ?? 'png') !== 'png') return;
      const png = PNG.sync.read(image);
      expect([png.width, png.height, png.alpha]).toEqual([
        params.width,
        params.height,
        params.background === 'transparent',
      ]);
    },
  );
});
