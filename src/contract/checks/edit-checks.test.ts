import { describe, expect, it } from 'vitest';
import { MASK_REGION, inputImages } from '../engine/edit-inputs.js';
import type { PlanStep } from '../engine/plan.js';
import {
  answerOf,
  buildEvidence,
  evaluate,
  imagesBody,
  jpegOf,
  pngOf,
  stepOf,
} from './build-evidence.test-helpers.js';
import { plainCircle, repainted, rolled, striped } from './edit-images.test-helpers.js';

const { pattern, erased } = inputImages();

function uploadStep(purpose: 'edit.b64' | 'edit.mask' | 'variation.b64', image = pattern): PlanStep {
  const step = stepOf(purpose, { asked: { size: '64x64' } });
  const endpoint = purpose.startsWith('edit.') ? ('edits' as const) : ('variations' as const);
  const maskRegion = purpose === 'edit.mask' ? { maskRegion: MASK_REGION } : {};
  return { ...step, upload: { endpoint, image, ...maskRegion } };
}

/** The evidence of one upload step answered with these images (or this status and body). */
async function answered(step: PlanStep, images: Buffer[] | { status: number; body: unknown }) {
  const outcome = Array.isArray(images)
    ? answerOf(step.request, 200, imagesBody(images))
    : answerOf(step.request, images.status, images.body);
  return buildEvidence([{ step, outcome }]);
}

const centre = { region: MASK_REGION };

describe('edit.valid and variation.valid', () => {
  it('pass PNGs of the size asked for, and say what they saw', async () => {
    const evidence = await answered(uploadStep('edit.b64'), [repainted(pattern, 64)]);
    expect(evaluate('edit.valid', evidence)).toEqual({
      status: 'pass',
      reason: '1 edited image(s) are valid png of the size asked for (64x64)',
    });
    expect(evaluate('variation.valid', evidence).status).toBe('skip');
  });

  it('fail the wrong size, another format, bytes that are no image, a count short, and a refusal', async () => {
    const cases: [Buffer[] | { status: number; body: unknown }, RegExp][] = [
      [[pngOf(128, 128)], /128x128, asked for 64x64/],
      [[jpegOf(64, 64)], /jpeg where png was asked for/],
      [[Buffer.from('<html>502</html>')], /not a PNG, JPEG or WebP/],
      [[], /asked for n=1, got 0 item\(s\)/],
      [{ status: 404, body: { error: { message: 'Invalid URL (POST /v1/images/edits)' } } }, /status 404/],
    ];
    for (const [images, reason] of cases) {
      const verdict = evaluate('edit.valid', await answered(uploadStep('edit.b64'), images));
      expect(verdict.status, String(reason)).toBe('fail');
      expect(verdict.reason).toMatch(reason);
    }
    const variation = await answered(uploadStep('variation.b64'), [pngOf(32, 32)]);
    expect(evaluate('variation.valid', variation)).toMatchObject({ status: 'fail', reason: /32x32/ });
  });
});

describe('edit.input-reflected', () => {
  it('passes a repaint that keeps the layout, its colours drifted and a circle added', async () => {
    const edit = repainted(pattern, 64, { shift: 40, region: { x0: 0.4, y0: 0.4, x1: 0.6, y1: 0.6 } });
    const verdict = evaluate('edit.input-reflected', await answered(uploadStep('edit.b64'), [edit]));
    expect(verdict).toMatchObject({ status: 'pass', reason: /keeps the uploaded image's layout/ });
  });

  it('fails a picture drawn from the prompt alone', async () => {
    const verdict = evaluate(
      'edit.input-reflected',
      await answered(uploadStep('edit.b64'), [plainCircle(64)]),
    );
    expect(verdict).toMatchObject({ status: 'fail', reason: /does not look like the uploaded image/ });
  });

  it('compares only where the uploaded image is opaque (dall-e-2 edits its transparent centre)', async () => {
    const edit = repainted(erased, 64, { ...centre, fill: [0, 0, 0] });
    const verdict = evaluate('edit.input-reflected', await answered(uploadStep('edit.b64', erased), [edit]));
    expect(verdict.status).toBe('pass');
  });

  it('fails with the answer that fell short when there is nothing to compare', async () => {
    const step = uploadStep('edit.b64');
    const refused = await answered(step, { status: 500, body: { error: { message: 'boom' } } });
    expect(evaluate('edit.input-reflected', refused)).toMatchObject({ status: 'fail', reason: /status 500/ });
    const unreadable = await answered(step, [Buffer.from('RIFF....WEBPVP8 ')]);
    expect(evaluate('edit.input-reflected', unreadable)).toMatchObject({
      status: 'fail',
      reason: /no PNG or JPEG/,
    });
  });
});

describe('edit.mask-honoured', () => {
  it('passes an edit inside the mask that keeps the rest, a slight drift allowed', async () => {
    const edit = repainted(pattern, 64, { ...centre, shift: 15 });
    const verdict = evaluate('edit.mask-honoured', await answered(uploadStep('edit.mask'), [edit]));
    expect(verdict).toMatchObject({ status: 'pass', reason: /stays within the mask/ });
  });

  it('fails an edit that repaints outside the mask too', async () => {
    const everywhere = repainted(pattern, 64, { region: { x0: 0, y0: 0, x1: 1, y1: 1 } });
    const verdict = evaluate('edit.mask-honoured', await answered(uploadStep('edit.mask'), [everywhere]));
    expect(verdict).toMatchObject({ status: 'fail', reason: /changed outside the mask/ });
  });

  it('fails an edit that changes everything a little and the masked area no more', async () => {
    const uniform = repainted(pattern, 64, { shift: 30 });
    const verdict = evaluate('edit.mask-honoured', await answered(uploadStep('edit.mask'), [uniform]));
    expect(verdict).toMatchObject({
      status: 'fail',
      reason: /nothing was edited where the mask is transparent/,
    });
  });
});

describe('variation.derived', () => {
  it('passes the input moved (its layout kept) or recoloured (its palette kept), and fails a picture of neither', async () => {
    const moved = rolled(pattern, 64, 0.125);
    const byLayout = evaluate('variation.derived', await answered(uploadStep('variation.b64'), [moved]));
    expect(byLayout).toMatchObject({ status: 'pass', reason: /layout correlation 1\.00/ });
    const stripes = striped(pattern, 64);
    const byPalette = evaluate('variation.derived', await answered(uploadStep('variation.b64'), [stripes]));
    expect(byPalette).toMatchObject({ status: 'pass', reason: /palette overlap 1\.00/ });
    expect(byPalette.reason).not.toMatch(/layout correlation (0\.[5-9]|1\.)/);
    const verdict = evaluate(
      'variation.derived',
      await answered(uploadStep('variation.b64'), [plainCircle(64)]),
    );
    expect(verdict).toMatchObject({ status: 'fail', reason: /shares neither layout nor palette/ });
  });
});
