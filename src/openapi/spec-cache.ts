/**
 * The bundled openapi.yaml, already turned into operations at build time, so that a start with the bundled
 * spec loads neither the YAML parser nor the reference resolver and converter (a fifth of start-up's own
 * work). The cache holds the parsed document and the operations `loadOperations` made of it, keyed by the
 * SHA-256 of the spec's text: any other text, or a missing or unreadable cache, takes the usual path, so a
 * cache can only ever give what the usual path gives for the same text.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Operation } from './load-operations.js';

/** Beside this module in dist/ (`npm run build` writes it); there is none beside the sources. */
export const SPEC_CACHE_PATH = fileURLToPath(new URL('./spec-cache.json', import.meta.url));

/** Bumped when the cache's shape changes, so an old file is ignored rather than misread. */
const FORMAT = 1;

/** What a cache holds for one spec text. */
export interface SpecCacheEntry {
  /** The spec as parsed (YAML or JSON), the input of `createSpec`. */
  document: unknown;
  /** The operations made of it, as `loadOperations` returns them. */
  operations: Operation[];
}

interface SpecCacheFile extends SpecCacheEntry {
  format: number;
  sha256: string;
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The cached document and operations for exactly this spec text, or undefined (no cache, other text). */
export function readSpecCache(text: string, path: string = SPEC_CACHE_PATH): SpecCacheEntry | undefined {
  let file: Partial<SpecCacheFile>;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as Partial<SpecCacheFile>;
  } catch {
    return undefined;
  }
  if (file.format !== FORMAT || file.sha256 !== digest(text) || !Array.isArray(file.operations))
    return undefined;
  return { document: file.document, operations: file.operations };
}

/**
 * The cache file's text for a spec. Only a spec whose `$ref`s all point inside it can be cached: the text
 * of a file it refers to is not part of the key.
 */
export function formatSpecCache(text: string, entry: SpecCacheEntry): string {
  if (JSON.stringify(entry.document).match(/"\$ref":"(?!#)/)) {
    throw new Error('a spec with $refs to other files cannot be cached: their text is not part of the key');
  }
  const file: SpecCacheFile = { format: FORMAT, sha256: digest(text), ...entry };
  return JSON.stringify(file);
}

/** Writes the cache file for a spec (the build does, for the bundled openapi.yaml). */
export function writeSpecCache(text: string, entry: SpecCacheEntry, path: string = SPEC_CACHE_PATH): void {
  writeFileSync(path, formatSpecCache(text, entry));
}
