import { Ajv, type ErrorObject } from 'ajv';
import { ConfigError } from '../errors.js';
import { isRecord } from '../is-record.js';
import { MODEL_SCHEMA } from './model-table-schema.js';

/**
 * The model table (`x-imagegen-models` in the spec): what each model accepts, its defaults, what its
 * answers carry, and the figures behind latency and cost estimates. The mock validates against it and the
 * contract suite plans from it. Every `null` list means the model rejects that parameter.
 */
export interface ModelProfile {
  id: string;
  /** `dall-e` answers with url or b64 and `content_policy_violation`; `gpt-image` with usage and echoes. */
  family: 'dall-e' | 'gpt-image';
  /** When the real API stopped serving the model (ISO date), if it did. */
  retired: string | null;
  /** Unix seconds, as `GET /v1/models` answers it: fixed per model, never the clock. */
  created: number;
  sizes: readonly string[];
  customSizes: CustomSizeRules | null;
  defaultSize: string;
  /** What `size: auto` produces. */
  autoSize: string;
  maxN: number;
  quality: readonly string[] | null;
  defaultQuality: string;
  /** What `quality: auto` resolves to, echoed in the answer. */
  autoQuality: string;
  style: readonly string[] | null;
  defaultStyle: string;
  responseFormats: readonly string[] | null;
  defaultResponseFormat: 'url' | 'b64_json';
  outputFormats: readonly string[] | null;
  backgrounds: readonly string[] | null;
  moderation: readonly string[] | null;
  stream: boolean;
  promptMaxLength: number;
  revisesPrompt: boolean;
  /** `[median, p95]` seconds for one image, per quality. */
  latency: Readonly<Record<string, readonly [number, number]>>;
  outputTokens: Readonly<Record<string, Readonly<Record<string, number>>>> | null;
  outputTokensPerMegapixel: Readonly<Record<string, number>> | null;
  pricePerImage: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** gpt-image-2's rule-based sizes. */
export interface CustomSizeRules {
  multipleOf: number;
  maxEdge: number;
  maxRatio: number;
  minPixels: number;
  maxPixels: number;
}

export type ModelTable = ReadonlyMap<string, ModelProfile>;

/**
 * The `created` of a model whose entry gives none (and copies none with `like`): 2025-01-01T00:00:00Z, a
 * fixed date, so that the model list stays the same from run to run.
 */
export const DEFAULT_MODEL_CREATED = 1_735_689_600;

/** The extension key in the spec's root. */
export const MODEL_TABLE_KEY = 'x-imagegen-models';

const SIZE_PATTERN = /^(\d+)x(\d+)$/;

/** Reads and checks the table; anything missing or malformed is a ConfigError naming the model and key. */
export function parseModelTable(raw: unknown, source: string): ModelTable {
  if (!isRecord(raw) || Object.keys(raw).length === 0) {
    throw new ConfigError(`spec ${source}: '${MODEL_TABLE_KEY}' must map model names to their capabilities`);
  }
  const table = new Map<string, ModelProfile>();
  const flatten = (id: string, seen: readonly string[]): Record<string, unknown> => {
    const entry = raw[id];
    if (!isRecord(entry))
      throw new ConfigError(`spec ${source}: model '${id}' in '${MODEL_TABLE_KEY}' is not a mapping`);
    const like = entry.like;
    if (like === undefined) return entry;
    if (typeof like !== 'string' || !(like in raw) || seen.includes(like)) {
      throw new ConfigError(
        `spec ${source}: model '${id}' is 'like' ${JSON.stringify(like)}, which is not a model of the table`,
      );
    }
    return { ...flatten(like, [...seen, id]), ...entry };
  };
  for (const id of Object.keys(raw)) {
    table.set(id, toProfile(id, flatten(id, [id]), `spec ${source}: model '${id}'`));
  }
  return table;
}

// MODEL_SCHEMA is a constant checked against the JSON Schema meta-schema by its test, so compiling it skips
// that check: compiling the meta-schema on every start cost about 25 ms, a tenth of start-up's own work.
const validateModel = new Ajv({ allErrors: false, strict: true, validateSchema: false }).compile(
  MODEL_SCHEMA,
);

/** A table entry checked against MODEL_SCHEMA, with the defaults that depend on other fields filled in. */
function toProfile(id: string, entry: Record<string, unknown>, where: string): ModelProfile {
  if (!validateModel(entry)) throw new ConfigError(`${where}: ${describeViolation(validateModel.errors)}`);
  const table = entry as unknown as ModelEntry;
  const defaultQuality = table.defaultQuality ?? table.quality?.[0] ?? 'standard';
  const autoSize = table.autoSize ?? table.sizes.find((size) => size !== 'auto') ?? '';
  if (!SIZE_PATTERN.test(autoSize)) throw new ConfigError(`${where}: 'autoSize' must be a WxH size`);
  return {
    id,
    family: table.family,
    retired: table.retired ?? null,
    created: table.created ?? DEFAULT_MODEL_CREATED,
    sizes: table.sizes,
    customSizes: table.customSizes ?? null,
    defaultSize: table.defaultSize ?? table.sizes[0] ?? autoSize,
    autoSize,
    maxN: table.maxN,
    quality: table.quality ?? null,
    defaultQuality,
    autoQuality: table.autoQuality ?? defaultQuality,
    style: table.style ?? null,
    defaultStyle: table.defaultStyle ?? 'vivid',
    responseFormats: table.responseFormats ?? null,
    defaultResponseFormat: table.defaultResponseFormat ?? 'b64_json',
    outputFormats: table.outputFormats ?? null,
    backgrounds: table.backgrounds ?? null,
    moderation: table.moderation ?? null,
    stream: table.stream === true,
    promptMaxLength: table.promptMaxLength,
    revisesPrompt: table.revisesPrompt === true,
    latency: table.latency,
    outputTokens: table.outputTokens ?? null,
    outputTokensPerMegapixel: table.outputTokensPerMegapixel ?? null,
    pricePerImage: table.pricePerImage,
  };
}

/** A table entry as MODEL_SCHEMA admits it: every field the profile derives a default for is optional. */
type ModelEntry = Partial<Omit<ModelProfile, 'id' | 'family' | 'sizes' | 'maxN' | 'promptMaxLength'>> &
  Pick<ModelProfile, 'family' | 'sizes' | 'maxN' | 'promptMaxLength' | 'latency' | 'pricePerImage'>;

/**
 * The violation as one line: `'maxN' must be a positive integer`. The last error is the one to tell (for
 * an `anyOf`, the summary after each branch's), with the key path down to the nearest `description` on its
 * schema path: `'latency.high' must be [median, p95] in seconds`, `'sizes' must be a non-empty list ...`.
 */
function describeViolation(errors: readonly ErrorObject[] | null | undefined): string {
  const error = errors?.at(-1);
  if (!error) return 'does not match the model schema';
  if (error.keyword === 'required') {
    const key = String((error.params as { missingProperty?: unknown }).missingProperty);
    return `'${key}' must be ${describeAt(['properties', key])?.description ?? 'given'}`;
  }
  const path = error.instancePath.split('/').filter(Boolean);
  const found = describeAt(error.schemaPath.replace(/^#\//, '').split('/'));
  const key = path.slice(0, found?.depth ?? path.length).join('.');
  return `'${key}' must be ${found?.description ?? error.message ?? 'valid'}`;
}

/**
 * The last `description` met walking MODEL_SCHEMA along a schema path, and how many keys of the value it
 * is below (`properties/x`, `items` and `additionalProperties` each step one key down; `anyOf/N` none).
 */
function describeAt(segments: readonly string[]): { description: string; depth: number } | undefined {
  let node: unknown = MODEL_SCHEMA;
  let depth = 0;
  let found: { description: string; depth: number } | undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    if (segments[i - 1] === 'properties' || segment === 'items' || segment === 'additionalProperties')
      depth++;
    if (!isRecord(node) && !Array.isArray(node)) break;
    node = (node as Record<string, unknown>)[segment];
    if (isRecord(node) && typeof node.description === 'string')
      found = { description: node.description, depth };
  }
  return found;
}

/**
 * Whether the mock serves a model under the `retiredModels` setting: every model with `serve`, only the
 * ones the real API still serves with `error`.
 */
export function isServed(model: ModelProfile, retiredModels: 'serve' | 'error'): boolean {
  return model.retired === null || retiredModels === 'serve';
}

/** `'1792x1024'` -> `{ width: 1792, height: 1024 }`, or undefined for anything else. */
export function parseSize(size: string): { width: number; height: number } | undefined {
  const match = SIZE_PATTERN.exec(size);
  return match ? { width: Number(match[1]), height: Number(match[2]) } : undefined;
}

/** Whether a `WxH` (not `auto`) is one the model produces: listed, or within its custom-size rules. */
export function acceptsSize(model: ModelProfile, size: string): boolean {
  if (size !== 'auto' && model.sizes.includes(size)) return true;
  const rules = model.customSizes;
  const parsed = parseSize(size);
  if (!rules || !parsed) return false;
  const { width, height } = parsed;
  const pixels = width * height;
  return (
    width > 0 &&
    height > 0 &&
    width % rules.multipleOf === 0 &&
    height % rules.multipleOf === 0 &&
    Math.max(width, height) <= rules.maxEdge &&
    Math.max(width, height) / Math.min(width, height) <= rules.maxRatio &&
    pixels >= rules.minPixels &&
    pixels <= rules.maxPixels
  );
}

/** The smallest size a model produces, by pixel count: what the contract suite asks for to spend least. */
export function smallestSize(model: ModelProfile): string {
  const fixed = model.sizes.filter((size) => size !== 'auto');
  const pixels = (size: string): number => {
    const parsed = parseSize(size);
    return parsed ? parsed.width * parsed.height : Infinity;
  };
  return [...fixed].sort((a, b) => pixels(a) - pixels(b))[0] ?? model.autoSize;
}

/** Which way an image is drawn: wider than tall, taller than wide, or square. */
export type SizeShape = 'square' | 'landscape' | 'portrait';

export function shapeOf(size: string): SizeShape | undefined {
  const parsed = parseSize(size);
  if (!parsed) return undefined;
  return parsed.width === parsed.height ? 'square' : parsed.width > parsed.height ? 'landscape' : 'portrait';
}

/** The smallest listed size of one shape (by pixel count), or undefined when the model has none. */
export function smallestSizeOfShape(model: ModelProfile, shape: SizeShape): string | undefined {
  const pixels = (size: string): number => {
    const parsed = parseSize(size);
    return parsed ? parsed.width * parsed.height : Infinity;
  };
  return model.sizes.filter((size) => shapeOf(size) === shape).sort((a, b) => pixels(a) - pixels(b))[0];
}

/** The cheapest quality the model takes (the first listed), or its default when it takes none. */
export function cheapestQuality(model: ModelProfile): string {
  return model.quality?.find((value) => value !== 'auto') ?? model.defaultQuality;
}

/** Image tokens of one image, for `usage`: the table's figure, else scaled by pixels from the per-megapixel rate. */
export function outputTokensPerImage(model: ModelProfile, quality: string, size: string): number {
  const listed = model.outputTokens?.[quality]?.[size];
  if (listed !== undefined) return listed;
  const parsed = parseSize(size);
  const perMegapixel =
    model.outputTokensPerMegapixel?.[quality] ?? model.outputTokens?.[quality]?.['1024x1024'];
  if (!parsed || perMegapixel === undefined) return 0;
  return Math.round((perMegapixel * parsed.width * parsed.height) / (1024 * 1024));
}

/** Estimated USD for one image; sizes the table does not list scale the 1024x1024 price by pixel count. */
export function pricePerImage(model: ModelProfile, quality: string, size: string): number {
  const byQuality = model.pricePerImage[quality] ?? Object.values(model.pricePerImage)[0] ?? {};
  const listed = byQuality[size];
  if (listed !== undefined) return listed;
  const base = byQuality['1024x1024'];
  const parsed = parseSize(size);
  if (base === undefined || !parsed) return Math.max(0, ...Object.values(byQuality));
  return (base * parsed.width * parsed.height) / (1024 * 1024);
}
