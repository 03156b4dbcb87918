/**
 * Writes dist/openapi/spec-cache.json: the bundled openapi.yaml already parsed and turned into operations,
 * so that the server starts without the YAML parser, the reference resolver and the converter (see
 * src/openapi/spec-cache.ts). `npm run build` runs it after tsc (postbuild, before the build is marked up
 * to date); a spec changed since then is loaded the usual way (the cache is keyed by the spec's text), so a
 * stale cache costs time, never correctness.
 *
 *   node scripts/write-spec-cache.js
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';

const { DEFAULT_SPEC_PATH, parseSpecText } = await import('../dist/openapi/load-spec.js');
const { loadOperations } = await import('../dist/openapi/load-operations.js');
const { SPEC_CACHE_PATH, writeSpecCache } = await import('../dist/openapi/spec-cache.js');

const text = readFileSync(DEFAULT_SPEC_PATH, 'utf8');
const document = parseSpecText(text, DEFAULT_SPEC_PATH);
const operations = await loadOperations(document, resolve(DEFAULT_SPEC_PATH));
writeSpecCache(text, { document, operations });
process.stdout.write(
  `spec cache: ${operations.length} operations of ${DEFAULT_SPEC_PATH} in ${SPEC_CACHE_PATH}\n`,
);
