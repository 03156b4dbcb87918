import { describe, expect, it } from 'vitest';
import { Base64Bytes, jsonPieces } from './json-pieces.js';

/** What JSON.stringify writes with every image as its base64 text: what the answer always was. */
const plain = (value: unknown): string =>
  JSON.stringify(value, (_key, item: unknown) => (item instanceof Base64Bytes ? item.text() : item));
const text = (pieces: (string | Base64Bytes)[]): string =>
  pieces.map((piece) => (typeof piece === 'string' ? piece : [...piece.slices(6)].join(''))).join('');

describe('jsonPieces', () => {
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => (index * 37) % 256));

  it('writes, piece by piece, exactly the JSON text with each image as its base64', () => {
    const answer = {
      created: 1,
      data: [{ b64_json: new Base64Bytes(bytes) }, { b64_json: new Base64Bytes(bytes.subarray(1)) }],
      usage: { total_tokens: 3 },
    };
    const pieces = jsonPieces(answer);
    expect(pieces.filter((piece) => piece instanceof Base64Bytes)).toHaveLength(2);
    expect(text(pieces)).toBe(plain(answer));
    expect(plain(answer)).toContain(`"b64_json":"${bytes.toString('base64')}"`);
  });

  it('knows the length of the base64 text of any size, padding included', () => {
    for (const size of [0, 1, 2, 3, 4, 999]) {
      const image = new Base64Bytes(bytes.subarray(0, size));
      expect(image.length).toBe(image.text().length);
      expect([...image.slices(7)].join('')).toBe(image.text());
    }
  });

  it('keeps the plain text when a string of the answer is the marker itself', () => {
    const answer = {
      revised_prompt: '\u0000imagegen-mock:base64\u0000',
      data: [{ b64_json: new Base64Bytes(bytes) }],
    };
    expect(jsonPieces(answer)).toEqual([plain(answer)]);
  });
});
