import { describe, expect, it } from 'vitest';
import type { Outcome } from '../engine/http.js';
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

const b64 = stepOf('generate.b64', { asked: {} });
const n2 = stepOf('generate.n2', { asked: { n: 2 } });
const url = stepOf('generate.url', { asked: { responseFormat: 'url' } });
const image = pngOf(16, 16);
const IMAGE_URL = 'https://images.test/a.png';

const ok = (body: unknown, step: PlanStep = b64) => ({ step, outcome: answerOf(step.request, 200, body) });
const withB64 = (value: string) =>
  ok({ created: Math.floor(Date.now() / 1000), data: [{ b64_json: value }] });
/** A url answer whose image GET answers `status` with these bytes and content type. */
const fetched = async (bytes: Buffer, contentType = 'image/png', status = 200) => {
  const request = { ...url.request, method: 'GET' as const, url: IMAGE_URL, purpose: 'image.url-fetch' };
  const fetches: Record<string, Outcome> = {
    [IMAGE_URL]: answerOf(request, status, bytes, { 'content-type': contentType }),
  };
  return buildEvidence([ok(imagesBody([IMAGE_URL]), url)], { fetches });
};

describe('image.base64', () => {
  it('passes plain base64', async () => {
    expect(evaluate('image.base64', await buildEvidence([ok(imagesBody([image]))])).status).toBe('pass');
  });

  it('fails a data: prefix and line breaks', async () => {
    const plain = image.toString('base64');
    const prefixed = await buildEvidence([withB64(`data:image/png;base64,${plain}`)]);
    expect(evaluate('image.base64', prefixed)).toMatchObject({ status: 'fail', request: b64.request });
    const wrapped = await buildEvidence([withB64(plain.replace(/(.{40})/g, '$1\n'))]);
    expect(evaluate('image.base64', wrapped).status).toBe('fail');
  });
});

describe('image.valid', () => {
  it('passes a valid PNG, fetched or inline', async () => {
    expect(evaluate('image.valid', await buildEvidence([ok(imagesBody([image]))])).reason).toBe(
      '1 image(s) are valid and decode',
    );
    expect(evaluate('image.valid', await fetched(image)).status).toBe('pass');
  });

  it('fails bytes that are no image, and a JPEG served as image/png', async () => {
    const page = Buffer.from('<html>error</html>');
    expect(evaluate('image.valid', await buildEvidence([ok(imagesBody([page]))])).status).toBe('fail');
    expect(evaluate('image.valid', await fetched(jpegOf(16, 16)))).toMatchObject({
      status: 'fail',
      reason: 'generate.url data[0] (url): claims png but the bytes are jpeg',
    });
  });
});

describe('image.format', () => {
  it('passes PNG, and fails a JPEG where PNG was asked for', async () => {
    expect(evaluate('image.format', await buildEvidence([ok(imagesBody([image]))])).status).toBe('pass');
    expect(evaluate('image.format', await buildEvidence([ok(imagesBody([jpegOf(16, 16)]))])).reason).toBe(
      'generate.b64 data[0]: jpeg where png was asked for',
    );
  });
});

describe('image.dimensions', () => {
  it('passes the requested size and fails another', async () => {
    expect(evaluate('image.dimensions', await buildEvidence([ok(imagesBody([image]))])).status).toBe('pass');
    expect(evaluate('image.dimensions', await buildEvidence([ok(imagesBody([pngOf(8, 8)]))])).reason).toBe(
      'generate.b64 data[0]: 8x8, asked for 16x16',
    );
  });
});

describe('image.url-fetch', () => {
  it('passes a URL that answers with a valid image', async () => {
    expect(evaluate('image.url-fetch', await fetched(image)).reason).toBe(
      '1 image URL(s) fetch as valid images',
    );
  });

  it('fails a dead URL and a non-image content type', async () => {
    expect(evaluate('image.url-fetch', await fetched(Buffer.from('gone'), 'text/plain', 404)).reason).toBe(
      'generate.url data[0] (url): GET status 404',
    );
    expect(evaluate('image.url-fetch', await fetched(image, 'application/octet-stream')).reason).toBe(
      'generate.url data[0] (url): GET answers content-type application/octet-stream, not image/*',
    );
  });
});

describe('image.distinct', () => {
  it('passes two different pictures and fails the same one twice', async () => {
    const different = ok(imagesBody([image, pngOf(16, 16, 10)]), n2);
    expect(evaluate('image.distinct', await buildEvidence([different])).status).toBe('pass');
    const same = ok(imagesBody([image, image]), n2);
    expect(evaluate('image.distinct', await buildEvidence([same])).reason).toBe(
      'generate.n2: image 1 is byte-identical to an earlier one',
    );
  });
});
