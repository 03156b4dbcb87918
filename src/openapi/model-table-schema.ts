/**
 * The JSON Schema of one model of the table (`x-imagegen-models`), after `like:` has been applied. Each
 * `description` is what a bad value is told it must be: `model 'x': 'maxN' must be a positive integer`.
 * Defaults that depend on other fields (`autoSize` from `sizes`, ...) are filled in by `parseModelTable`.
 */

const SIZE = '^[1-9][0-9]*x[1-9][0-9]*$';

const stringList = {
  description: 'a non-empty list of strings or null',
  anyOf: [{ type: 'null' }, { type: 'array', minItems: 1, items: { type: 'string' } }],
} as const;

const numberTable = (description: string) =>
  ({
    description,
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: { type: 'number', minimum: 0 } },
  }) as const;

export const MODEL_SCHEMA = {
  type: 'object',
  required: ['family', 'sizes', 'maxN', 'promptMaxLength', 'latency', 'pricePerImage'],
  properties: {
    like: { description: 'the name of another model of the table', type: 'string' },
    family: { description: "'dall-e' or 'gpt-image'", enum: ['dall-e', 'gpt-image'] },
    retired: { description: 'an ISO date or null', anyOf: [{ type: 'null' }, { type: 'string' }] },
    created: { description: 'unix seconds, a whole number >= 0', type: 'integer', minimum: 0 },
    sizes: {
      description: 'a non-empty list of WxH sizes or auto',
      type: 'array',
      minItems: 1,
      items: { anyOf: [{ const: 'auto' }, { type: 'string', pattern: SIZE }] },
    },
    customSizes: {
      description: 'null or a mapping with multipleOf, maxEdge, maxRatio, minPixels, maxPixels',
      anyOf: [
        { type: 'null' },
        {
          type: 'object',
          required: ['multipleOf', 'maxEdge', 'maxRatio', 'minPixels', 'maxPixels'],
          properties: {
            multipleOf: { type: 'number' },
            maxEdge: { type: 'number' },
            maxRatio: { type: 'number' },
            minPixels: { type: 'number' },
            maxPixels: { type: 'number' },
          },
        },
      ],
    },
    defaultSize: { description: 'a string', type: 'string' },
    autoSize: { description: 'a WxH size', type: 'string', pattern: SIZE },
    maxN: { description: 'a positive integer', type: 'integer', minimum: 1 },
    quality: stringList,
    defaultQuality: { description: 'a string', type: 'string' },
    autoQuality: { description: 'a string', type: 'string' },
    style: stringList,
    defaultStyle: { description: 'a string', type: 'string' },
    responseFormats: stringList,
    defaultResponseFormat: { description: "'url' or 'b64_json'", enum: ['url', 'b64_json'] },
    outputFormats: stringList,
    backgrounds: stringList,
    moderation: stringList,
    stream: { description: 'true or false', type: 'boolean' },
    promptMaxLength: { description: 'a positive integer', type: 'integer', minimum: 1 },
    revisesPrompt: { description: 'true or false', type: 'boolean' },
    latency: {
      description: 'a mapping of quality to [median, p95] in seconds',
      type: 'object',
      additionalProperties: {
        description: '[median, p95] in seconds',
        type: 'array',
        minItems: 2,
        maxItems: 2,
        items: { type: 'number', exclusiveMinimum: 0 },
      },
    },
    outputTokens: {
      description: 'null or a mapping of quality to size to tokens',
      anyOf: [{ type: 'null' }, numberTable('a mapping of quality to size to tokens')],
    },
    outputTokensPerMegapixel: {
      description: 'a 1-level mapping of numbers',
      anyOf: [{ type: 'null' }, { type: 'object', additionalProperties: { type: 'number', minimum: 0 } }],
    },
    pricePerImage: numberTable('a mapping of quality to size to USD'),
  },
} as const;
