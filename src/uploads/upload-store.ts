import { createHash } from 'node:crypto';
import type { MockOptions } from '../options.js';
import { ByteCache } from '../byte-cache.js';
import { sniffFormat } from './decode-upload.js';

/**
 * The bytes the edits endpoints keep, each in a cache bounded in bytes: the files clients uploaded (so the
 * journal can link to them) and the images edits answered with (an edit cannot be drawn again from a URL
 * token, as a generation can: its inputs are not in the URL). Both are per process: a restart, another
 * replica or eviction forgets them, and their URLs then answer 404.
 */
export interface UploadStore {
  /** Keeps an uploaded file; its name, `<sha256 hex>.<png|jpeg|webp|bin>`, serves it back. */
  keepUpload(bytes: Buffer): { sha256: string; file: string };
  /** An uploaded file by its name, while kept. */
  upload(file: string): Buffer | undefined;
  /** Keeps an output image; its name, `e<digest>.<format>`, is a URL token plus the format's extension. */
  keepOutput(bytes: Buffer, format: string): string;
  /** An output image by its name, while kept. */
  output(file: string): Buffer | undefined;
}

/** Names of kept outputs: `e`, then the base64url SHA-256 of the bytes (no generation token starts so). */
export const OUTPUT_TOKEN = /^e[A-Za-z0-9_-]{43}\.(png|jpeg|webp)$/;
const UPLOAD_NAME = /^[0-9a-f]{64}\.(png|jpeg|webp|bin)$/;

/**
 * Builds the store once per app; each cache gets `cacheBytes`, the rendered-image cache's budget.
 *
 * @example
 * const store = createUploadStore({ cacheBytes: 64 * 1024 * 1024 });
 * const name = store.keepOutput(png, 'png'); // 'e3q…Zk.png'
 */
export function createUploadStore(options: Pick<MockOptions, 'cacheBytes'>): UploadStore {
  const uploads = new ByteCache(options.cacheBytes);
  const outputs = new ByteCache(options.cacheBytes);
  return {
    keepUpload(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const file = `${sha256}.${sniffFormat(bytes) ?? 'bin'}`;
      uploads.set(file, bytes);
      return { sha256, file };
    },
    upload: (file) => (UPLOAD_NAME.test(file) ? uploads.get(file) : undefined),
    keepOutput(bytes, format) {
      const file = `e${createHash('sha256').update(bytes).digest('base64url')}.${format}`;
      outputs.set(file, bytes);
      return file;
    },
    output: (file) => (OUTPUT_TOKEN.test(file) ? outputs.get(file) : undefined),
  };
}
