import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { MODEL_SCHEMA } from './model-table-schema.js';
import { DEFAULT_MODEL_CREATED, isServed, parseModelTable } from './models.js';

const BASE = {
  family: 'gpt-image',
  sizes: ['1024x1024', '1536x1024', 'auto'],
  maxN: 2,
  promptMaxLength: 100,
  latency: { low: [1, 2] },
  pricePerImage: { low: { '1024x1024': 0.01 } },
};

const parse = (entry: Record<string, unknown>, more: Record<string, unknown> = {}) =>
  parseModelTable({ 'acme-1': entry, ...more }, 'spec.yaml');

describe('MODEL_SCHEMA', () => {
  // parseModelTable compiles it without this check, to start faster: this test is where a typo is caught.
  it('is a valid JSON Schema (draft-07), as Ajv checks it against the meta-schema', () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema(MODEL_SCHEMA), ajv.errorsText()).toBe(true);
  });

  it('fails the meta-schema check when a keyword has a wrong type, so the check above can fail', () => {
    expect(new Ajv({ strict: true }).validateSchema({ ...MODEL_SCHEMA, required: 'family' })).toBe(false);
  });
});

describe('parseModelTable', () => {
  it('fills the defaults that depend on other fields', () => {
    const profile = parse(BASE).get('acme-1');
    expect(profile).toMatchObject({
      autoSize: '1024x1024',
      defaultSize: '1024x1024',
      defaultQuality: 'standard',
      autoQuality: 'standard',
      defaultResponseFormat: 'b64_json',
      quality: null,
      stream: false,
    });
  });

  it('copies a model named by like:, then applies the entry over it', () => {
    const table = parse({ like: 'base', sizes: ['512x512'] }, { base: BASE });
    expect(table.get('acme-1')).toMatchObject({ family: 'gpt-image', maxN: 2, sizes: ['512x512'] });
  });

  it.each([
    [{ maxN: 0 }, "'maxN' must be a positive integer"],
    [{ family: 'flux' }, "'family' must be 'dall-e' or 'gpt-image'"],
    [{ sizes: ['big'] }, "'sizes' must be a non-empty list of WxH sizes or auto"],
    [{ sizes: ['auto'] }, "'autoSize' must be a WxH size"],
    [{ quality: [] }, "'quality' must be a non-empty list of strings or null"],
    [{ latency: { high: [1] } }, "'latency.high' must be [median, p95] in seconds"],
    [{ pricePerImage: { low: { '1024x1024': -1 } } }, "'pricePerImage' must be a mapping of quality to size"],
    [{ customSizes: { multipleOf: 16 } }, "'customSizes' must be null or a mapping with multipleOf"],
    [{ defaultResponseFormat: 'png' }, "'defaultResponseFormat' must be 'url' or 'b64_json'"],
    [{ retired: 2026 }, "'retired' must be an ISO date or null"],
    [{ created: '2025-04-24' }, "'created' must be unix seconds, a whole number >= 0"],
    [{ created: 1.5 }, "'created' must be unix seconds, a whole number >= 0"],
    [{ pricePerImage: undefined }, "'pricePerImage' must be a mapping of quality to size to USD"],
  ])('refuses %j in one line naming the model and the key', (change, message) => {
    const entry = { ...BASE, ...change } as Record<string, unknown>;
    for (const [key, value] of Object.entries(change)) if (value === undefined) delete entry[key];
    expect(() => parse(entry)).toThrow(`spec spec.yaml: model 'acme-1': ${message}`);
  });

  it('gives each model a fixed created: its own, the one it is like, else the documented default', () => {
    const table = parse({ ...BASE, created: 1745517030 }, { copy: { like: 'acme-1' }, plain: BASE });
    expect(table.get('acme-1')?.created).toBe(1745517030);
    expect(table.get('copy')?.created).toBe(1745517030);
    expect(table.get('plain')?.created).toBe(DEFAULT_MODEL_CREATED);
  });

  it('serves retired models only when asked to', () => {
    const table = parse({ ...BASE, retired: '2026-05-12' }, { current: BASE });
    const [retired, current] = [table.get('acme-1'), table.get('current')];
    expect(retired && isServed(retired, 'serve')).toBe(true);
    expect(retired && isServed(retired, 'error')).toBe(false);
    expect(current && isServed(current, 'error')).toBe(true);
  });

  it('refuses a like: that names no model, or a loop', () => {
    expect(() => parse({ like: 'nobody' })).toThrow(/'like' "nobody", which is not a model of the table/);
    expect(() => parse({ like: 'acme-2' }, { 'acme-2': { like: 'acme-1' } })).toThrow(/not a model/);
  });
});
