import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readMultipart } from './read-multipart.js';
import { UPLOAD_LIMITS } from './upload-limits.js';

const BOUNDARY = 'b0undary';
const headers = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };

function body(parts: string[], close = true): Readable {
  return Readable.from([Buffer.from(parts.join('') + (close ? `--${BOUNDARY}--\r\n` : ''))]);
}
const text = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (name: string, value: string, type = 'image/png') =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="a.png"\r\nContent-Type: ${type}\r\n\r\n${value}\r\n`;

describe('readMultipart', () => {
  it('reads text fields and files in order, with their declared names and types', async () => {
    const reading = await readMultipart(
      body([text('prompt', 'a fox'), file('image[]', 'one'), file('image[]', 'two', 'IMAGE/JPEG')]),
      headers,
    );
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.form.fields).toEqual([['prompt', 'a fox']]);
    expect(reading.form.files.map((f) => [f.field, f.filename, f.contentType, f.bytes.toString()])).toEqual([
      ['image[]', 'a.png', 'image/png', 'one'],
      ['image[]', 'a.png', 'image/jpeg', 'two'],
    ]);
  });

  it.each([
    ['truncated', body([text('prompt', 'a fox')], false), 'invalid_multipart', null],
    [
      'a part without a name',
      body([`--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n`]),
      'invalid_multipart',
      null,
    ],
    ['a file over the limit', body([file('image', 'x'.repeat(64))]), 'file_too_large', 'image'],
    ['a field over the limit', body([text('prompt', 'x'.repeat(64))]), 'string_above_max_length', 'prompt'],
    ['too many files', body([file('a', '1'), file('b', '2'), file('c', '3')]), 'invalid_multipart', null],
  ])('refuses %s', async (_name, stream, code, param) => {
    const limits = { ...UPLOAD_LIMITS, fileBytes: 32, fieldBytes: 32, files: 2 };
    const reading = await readMultipart(stream, headers, limits);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect({ code: reading.error.code, param: reading.error.param }).toEqual({ code, param });
  });

  it('refuses the whole upload past its total, and a content type without a boundary', async () => {
    const limits = { ...UPLOAD_LIMITS, totalBytes: 10 };
    const total = await readMultipart(body([file('a', '123456'), file('b', '123456')]), headers, limits);
    expect(!total.ok && total.error.status).toBe(413);
    const unbounded = await readMultipart(body([]), { 'content-type': 'multipart/form-data' });
    expect(!unbounded.ok && unbounded.error.code).toBe('invalid_multipart');
  });
});
