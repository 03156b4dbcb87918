import { describe, expect, it } from 'vitest';
import {
  answerOf,
  buildEvidence,
  imagesBody,
  jpegOf,
  pngOf,
  stepOf,
} from '../checks/build-evidence.test-helpers.js';
import { returnedImages } from './returned-images.js';

const IMAGE_URL = 'http://files.test/a.png?sig=abc';

describe('returnedImages', () => {
  it('keeps every item of every generation in plan order, with its bytes, what they are and the request', async () => {
    const n2 = stepOf('generate.n2', { asked: { n: 2, size: '16x16' } });
    const url = stepOf('generate.url', { asked: { responseFormat: 'url' } });
    const rejected = stepOf('reject.n-zero');
    const png = pngOf(16, 16);
    const fetched = answerOf(url.request, 200, pngOf(32, 16), { 'content-type': 'image/png' });
    const evidence = await buildEvidence(
      [
        { step: n2, outcome: answerOf(n2.request, 200, imagesBody([png, jpegOf(16, 8)])) },
        { step: url, outcome: answerOf(url.request, 200, imagesBody([IMAGE_URL])) },
        { step: rejected, outcome: answerOf(rejected.request, 400, { error: { message: 'no' } }) },
      ],
      { fetches: { [IMAGE_URL]: fetched } },
    );
    const images = returnedImages(evidence.generations);
    expect(images.map(({ purpose, index, count, source }) => ({ purpose, index, count, source }))).toEqual([
      { purpose: 'generate.n2', index: 0, count: 2, source: 'b64_json' },
      { purpose: 'generate.n2', index: 1, count: 2, source: 'b64_json' },
      { purpose: 'generate.url', index: 0, count: 1, source: 'url' },
    ]);
    expect(images[0]).toMatchObject({ format: 'png', width: 16, height: 16, problems: [] });
    expect(images[0]?.bytes?.equals(png)).toBe(true);
    expect(images[1]).toMatchObject({ format: 'jpeg', width: 16, height: 8 });
    expect(images[2]).toMatchObject({ url: IMAGE_URL, format: 'png', width: 32, height: 16 });
    expect(images[0]?.request).toEqual({ method: 'POST', url: n2.request.url, body: '{}' });
    expect(images[0]?.asked).toEqual({ n: 2, size: '16x16', responseFormat: 'b64_json' });
  });

  it('shows an edit by its form fields, a file by its name and what it is', async () => {
    const step = stepOf('edit.b64', { asked: {} });
    const png = pngOf(16, 16);
    const edit = {
      ...step,
      request: {
        ...step.request,
        body: undefined,
        form: [
          { name: 'prompt', value: 'a fox' },
          {
            name: 'image',
            filename: 'input.png',
            contentType: 'image/png',
            bytes: png,
            summary: 'PNG 16x16',
          },
        ],
      },
    };
    const evidence = await buildEvidence([
      { step: edit, outcome: answerOf(edit.request, 200, imagesBody([png])) },
    ]);
    const [image] = returnedImages(evidence.generations);
    expect(image?.request.body).toBe('prompt=a fox\nimage=@input.png (PNG 16x16)');
    expect(image).toMatchObject({ purpose: 'edit.b64', format: 'png', width: 16, height: 16 });
  });

  it('keeps no headers: they carry the key', async () => {
    const step = stepOf('generate.b64', { asked: {} });
    step.request.headers.authorization = 'Bearer sk-secret';
    const evidence = await buildEvidence([
      { step, outcome: answerOf(step.request, 200, imagesBody([pngOf(16, 16)])) },
    ]);
    expect(JSON.stringify(returnedImages(evidence.generations))).not.toContain('sk-secret');
  });

  it('says why an item has no picture, and what is wrong with bytes that are no image', async () => {
    const step = stepOf('generate.url', { asked: { n: 4, responseFormat: 'url' } });
    const dead = 'http://files.test/dead.png';
    const evidence = await buildEvidence(
      [
        {
          step,
          outcome: answerOf(step.request, 200, {
            created: 1,
            data: [{ url: dead }, { url: 'ftp://files.test/a.png' }, {}, { b64_json: 'PGh0bWw+' }],
          }),
        },
      ],
      { fetches: { [dead]: answerOf(step.request, 404, 'gone') } },
    );
    const images = returnedImages(evidence.generations);
    expect(images.map(({ source, problems }) => ({ source, problems }))).toEqual([
      { source: 'url', problems: ['the url answered 404'] },
      { source: 'url', problems: ['the url is not an http(s) URL, so it was not fetched'] },
      { source: 'none', problems: ['the item holds neither b64_json nor url'] },
      {
        source: 'b64_json',
        problems: [expect.stringMatching(/^not a PNG, JPEG or WebP \(6 bytes/) as string],
      },
    ]);
    expect(images[3]?.format).toBeUndefined();
  });
});
