/**
 * Image bytes answered as base64 inside JSON. `jsonPieces` serialises an answer holding them as the text
 * around them and the images themselves, which a writer encodes a slice at a time: a 60 MB answer (ten 4K
 * JPEGs) then never exists as one string, nor as its copy in a Buffer. (No `toJSON`: `JSON.stringify`
 * would call it, and build the whole text, before any replacer could step in.)
 */
export class Base64Bytes {
  constructor(readonly bytes: Buffer) {}

  /** The length of the base64 text, padding included. */
  get length(): number {
    return 4 * Math.ceil(this.bytes.length / 3);
  }

  /** The whole base64 text. */
  text(): string {
    return this.bytes.toString('base64');
  }

  /**
   * The base64 text as bytes, encoded once per image and kept as long as the image's own bytes are (a cached
   * image's answers then cost no encoding): the cache's images weigh about 2.3 times their bytes.
   */
  encoded(): Buffer {
    let encoded = ENCODED.get(this.bytes);
    if (encoded === undefined) {
      encoded = Buffer.from(this.text(), 'latin1');
      ENCODED.set(this.bytes, encoded);
    }
    return encoded;
  }

  /** The base64 text in slices of about `sliceBytes` bytes each, which concatenated are `text()`. */
  *slices(sliceBytes = 3 * 64 * 1024): Generator<string> {
    const step = sliceBytes - (sliceBytes % 3);
    for (let start = 0; start < this.bytes.length; start += step)
      yield this.bytes.subarray(start, start + step).toString('base64');
  }
}

/** The base64 bytes of each image whose bytes are still referenced (by the cache, or an answer being sent). */
const ENCODED = new WeakMap<Buffer, Buffer>();

/** A string no answer can contain as a whole JSON string (NUL is escaped), standing for one image. */
const MARKER = '\u0000imagegen-mock:base64\u0000';
const QUOTED_MARKER = JSON.stringify(MARKER);

/**
 * The JSON text of `value` as pieces: the text around each Base64Bytes, and the Base64Bytes themselves,
 * each to be written as its base64 text between quotes. Written in order, they are exactly what
 * `JSON.stringify` writes for `value` with each Base64Bytes replaced by its base64 text.
 *
 * @example
 * const pieces = jsonPieces({ data: [{ b64_json: new Base64Bytes(png) }] });
 * // ['{"data":[{"b64_json":"', Base64Bytes, '"}]}']
 */
export function jsonPieces(value: unknown): (string | Base64Bytes)[] {
  const images: Base64Bytes[] = [];
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (!(item instanceof Base64Bytes)) return item;
    images.push(item);
    return MARKER;
  });
  const around = text.split(QUOTED_MARKER);
  // A string of the answer equal to the marker would split it once more: then write the whole text.
  if (around.length !== images.length + 1) {
    return [
      JSON.stringify(value, (_key, item: unknown) => (item instanceof Base64Bytes ? item.text() : item)),
    ];
  }
  return around.flatMap((part, index) => {
    const image = images[index];
    return image === undefined ? [part] : [`${part}"`, image, '"'];
  });
}
