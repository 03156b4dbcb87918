import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOperations } from './load-operations.js';
import { DEFAULT_SPEC_PATH, parseSpecText } from './load-spec.js';
import { formatSpecCache, readSpecCache, writeSpecCache } from './spec-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'imagegen-spec-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = readFileSync(DEFAULT_SPEC_PATH, 'utf8');
const document = parseSpecText(text, DEFAULT_SPEC_PATH);
const operations = await loadOperations(document as object, resolve(DEFAULT_SPEC_PATH));

describe('spec cache', () => {
  const file = join(dir, 'spec-cache.json');
  writeSpecCache(text, { document, operations }, file);

  it('gives back the very document and operations the usual path makes of the same text', () => {
    const cached = readSpecCache(text, file);
    expect(cached?.document).toStrictEqual(document);
    // Prism reads operations as plain data: equal data validates and routes the same.
    expect(JSON.stringify(cached?.operations)).toBe(JSON.stringify(operations));
    expect(cached?.operations).toEqual(operations);
    expect(cached?.operations.map((operation) => operation.iid)).toContain('createImage');
  });

  it('gives nothing for any other text, even one changed by a single character', () => {
    expect(readSpecCache(text.replace('openapi: 3', 'openapi:  3'), file)).toBeUndefined();
    expect(readSpecCache(`${text}\n`, file)).toBeUndefined();
  });

  it('gives nothing when the file is missing, not JSON or of another format', () => {
    expect(readSpecCache(text, join(dir, 'missing.json'))).toBeUndefined();
    writeFileSync(join(dir, 'broken.json'), '{"format":1,');
    expect(readSpecCache(text, join(dir, 'broken.json'))).toBeUndefined();
    const other = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ ...other, format: 0 }));
    expect(readSpecCache(text, join(dir, 'other.json'))).toBeUndefined();
  });

  it('refuses a spec that refers to other files, whose text the key does not cover', () => {
    const external = { openapi: '3.0.0', paths: { '/x': { $ref: './paths.yaml#/x' } } };
    expect(() => formatSpecCache('text', { document: external, operations: [] })).toThrow(/other files/);
    const internal = { openapi: '3.0.0', components: { schemas: { a: { $ref: '#/components/schemas/b' } } } };
    expect(() => formatSpecCache('text', { document: internal, operations: [] })).not.toThrow();
  });
});
