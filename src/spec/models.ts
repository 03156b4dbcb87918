import { ConfigError } from '../errors.js';

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

function toProfile(id: string, entry: Record<string, unknown>, where: string): ModelProfile {
  const fail = (key: string, expected: string): never => {
    throw new ConfigError(`${where}: '${key}' must be ${expected}`);
  };
  const list = (key: string): readonly string[] | null => {
    const value = entry[key];
    if (value === undefined || value === null) return null;
    if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
      return fail(key, 'a non-empty list of strings or null');
    }
    return value;
  };
  const text = (key: string, fallback?: string): string => {
    const value = entry[key] ?? fallback;
    return typeof value === 'string' ? value : fail(key, 'a string');
  };
  const numberTable = (key: string, depth: 1 | 2): Record<string, never> | null => {
    const value = entry[key];
    if (value === undefined || value === null) return null;
    const ok = (node: unknown, level: number): boolean =>
      isRecord(node) &&
      Object.values(node).every((child) =>
        level === 1 ? typeof child === 'number' && child >= 0 : ok(child, level - 1),
      );
    return ok(value, depth)
      ? (value as Record<string, never>)
      : fail(key, `a ${depth}-level mapping of numbers`);
  };

  const family = entry.family;
  if (family !== 'dall-e' && family !== 'gpt-image') fail('family', "'dall-e' or 'gpt-image'");
  const sizes = list('sizes') ?? fail('sizes', 'a non-empty list of sizes');
  for (const size of sizes)
    if (size !== 'auto' && !SIZE_PATTERN.test(size)) fail('sizes', `WxH or auto, not '${size}'`);
  const maxN = entry.maxN;
  if (!Number.isInteger(maxN) || (maxN as number) < 1) fail('maxN', 'a positive integer');
  const promptMaxLength = entry.promptMaxLength;
  if (!Number.isInteger(promptMaxLength) || (promptMaxLength as number) < 1) {
    fail('promptMaxLength', 'a positive integer');
  }
  const quality = list('quality');
  const defaultQuality = text('defaultQuality', quality?.[0] ?? 'standard');
  const defaultSize = text('defaultSize', sizes[0]);
  const autoSize = text(
    'autoSize',
    sizes.find((size) => size !== 'auto'),
  );
  if (!SIZE_PATTERN.test(autoSize)) fail('autoSize', 'a WxH size');
  const defaultResponseFormat = text('defaultResponseFormat', 'b64_json');
  if (defaultResponseFormat !== 'url' && defaultResponseFormat !== 'b64_json') {
    fail('defaultResponseFormat', "'url' or 'b64_json'");
  }
  const latencyTable = isRecord(entry.latency)
    ? entry.latency
    : fail('latency', 'a mapping of quality to [median, p95]');
  for (const [key, value] of Object.entries(latencyTable)) {
    if (!Array.isArray(value) || value.length !== 2 || !value.every((n) => typeof n === 'number' && n > 0)) {
      fail(`latency.${key}`, '[median, p95] in seconds');
    }
  }
  const customSizes = entry.customSizes;
  if (customSizes !== undefined && customSizes !== null) {
    const keys = ['multipleOf', 'maxEdge', 'maxRatio', 'minPixels', 'maxPixels'] as const;
    if (!isRecord(customSizes) || !keys.every((key) => typeof customSizes[key] === 'number')) {
      fail('customSizes', `a mapping with ${keys.join(', ')}`);
    }
  }
  return {
    id,
    family: family as ModelProfile['family'],
    retired: typeof entry.retired === 'string' ? entry.retired : null,
    sizes,
    customSizes: (customSizes ?? null) as CustomSizeRules | null,
    defaultSize,
    autoSize,
    maxN: maxN as number,
    quality,
    defaultQuality,
    autoQuality: text('autoQuality', defaultQuality),
    style: list('style'),
    defaultStyle: text('defaultStyle', 'vivid'),
    responseFormats: list('responseFormats'),
    defaultResponseFormat: defaultResponseFormat as 'url' | 'b64_json',
    outputFormats: list('outputFormats'),
    backgrounds: list('backgrounds'),
    moderation: list('moderation'),
    stream: entry.stream === true,
    promptMaxLength: promptMaxLength as number,
    revisesPrompt: entry.revisesPrompt === true,
    latency: latencyTable as ModelProfile['latency'],
    outputTokens: numberTable('outputTokens', 2),
    outputTokensPerMegapixel: numberTable('outputTokensPerMegapixel', 1),
    pricePerImage:
      numberTable('pricePerImage', 2) ?? fail('pricePerImage', 'a mapping of quality to size to USD'),
  };
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
