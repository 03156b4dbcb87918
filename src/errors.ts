/**
 * The error catalogue: every failure the mock can answer with, in the real API's wording, and the one
 * place where an error becomes the API's envelope `{ "error": { message, type, param, code } }`.
 */

export interface ErrorBody {
  message: string;
  type: string;
  param: string | null;
  code: string | null;
  /** Extra keys some errors carry, e.g. `moderation_details`. */
  [extra: string]: unknown;
}

/**
 * How the body is written. `current`: keys `message, type, param, code`, no trailing newline (validation,
 * 5xx). `legacy`: keys in alphabetical order and a trailing newline, as the older error families (billing,
 * content policy) still arrive; checked against real `content-length` values.
 */
export type ErrorDialect = 'current' | 'legacy';

/** An expected failure that maps onto one HTTP response in the real API's error envelope. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly extra: Readonly<Record<string, unknown>>;
  readonly dialect: ErrorDialect;

  constructor(
    status: number,
    body: {
      message: string;
      type?: string;
      param?: string | null;
      code?: string | null;
      extra?: Record<string, unknown>;
      dialect?: ErrorDialect;
    },
    headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.status = status;
    this.type = body.type ?? 'invalid_request_error';
    this.param = body.param ?? null;
    this.code = body.code ?? null;
    this.extra = body.extra ?? {};
    this.dialect = body.dialect ?? 'current';
    this.headers = headers;
  }

  /** The same error carrying more headers (which win over its own of the same name). */
  withHeaders(headers: Readonly<Record<string, string>>): ApiError {
    const { message, type, param, code, extra, dialect } = this;
    return new ApiError(
      this.status,
      { message, type, param, code, extra: { ...extra }, dialect },
      { ...this.headers, ...headers },
    );
  }

  /** The envelope, keys in the order this error's dialect sends them. */
  toBody(): { error: ErrorBody } {
    const error: ErrorBody = {
      message: this.message,
      type: this.type,
      param: this.param,
      code: this.code,
      ...this.extra,
    };
    if (this.dialect === 'current') return { error };
    const sorted = Object.fromEntries(Object.entries(error).sort(([a], [b]) => (a < b ? -1 : 1)));
    return { error: sorted as ErrorBody };
  }
}

/** A misused command line: one line to print, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Bad configuration or a broken invariant: not an HTTP answer, a reason to stop. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const API_KEYS_URL = 'https://platform.openai.com/account/api-keys';
/** How a rate-limit message names a window: `per minute`, `Limit: 15/1min`. */
const RATE_WINDOWS: Readonly<Record<number, readonly [string, string]>> = {
  1000: ['second', '1s'],
  60_000: ['minute', '1min'],
  3_600_000: ['hour', '1h'],
};
/** The organisation named in rate-limit messages; `openai-organization` carries the same. */
export const MOCK_ORGANIZATION = 'org-imagegenmock';

/** The catalogue. Messages are the real API's, word for word where it is known. */
export const errors = {
  missingApiKey: () =>
    new ApiError(401, {
      message:
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from " +
        `${API_KEYS_URL}.`,
    }),
  invalidApiKey: (key: string) =>
    new ApiError(401, {
      message: `Incorrect API key provided: ${maskApiKey(key)}. You can find your API key at ${API_KEYS_URL}.`,
      code: 'invalid_api_key',
    }),
  malformedJson: () =>
    new ApiError(400, {
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
    }),
  bodyNotObject: (got: string) =>
    new ApiError(400, {
      message: `Invalid type for request body: expected an object, but got ${got} instead.`,
      code: 'invalid_type',
    }),
  missingParameter: (param: string) =>
    new ApiError(400, {
      message: `Missing required parameter: '${param}'.`,
      param,
      code: 'missing_required_parameter',
    }),
  invalidType: (param: string, expected: string, got: string) =>
    new ApiError(400, {
      message: `Invalid type for '${param}': expected ${expected}, but got ${got} instead.`,
      param,
      code: 'invalid_type',
    }),
  invalidValue: (param: string, value: string, allowed: readonly string[]) =>
    new ApiError(400, {
      message: `Invalid value: '${value}'. Supported values are: ${joinQuoted(allowed, 'and')}.`,
      param,
      code: 'invalid_value',
    }),
  integerBelowMin: (param: string, min: number, got: number) =>
    new ApiError(400, {
      message: `Invalid '${param}': integer below minimum value. Expected a value >= ${min}, but got ${got} instead.`,
      param,
      code: 'integer_below_min_value',
    }),
  integerAboveMax: (param: string, max: number, got: number) =>
    new ApiError(400, {
      message: `Invalid '${param}': integer above maximum value. Expected a value <= ${max}, but got ${got} instead.`,
      param,
      code: 'integer_above_max_value',
    }),
  stringTooShort: (param: string, min: number, length: number) =>
    new ApiError(400, {
      message:
        length === 0
          ? `Invalid '${param}': empty string. Expected a string with minimum length ${min}, but got an empty string instead.`
          : `Invalid '${param}': string too short. Expected a string with minimum length ${min}, but got a string with length ${length} instead.`,
      param,
      code: length === 0 ? 'empty_string' : 'string_below_min_length',
    }),
  stringTooLong: (param: string, max: number, length: number) =>
    new ApiError(400, {
      message: `Invalid '${param}': string too long. Expected a string with maximum length ${max}, but got a string with length ${length} instead.`,
      param,
      code: 'string_above_max_length',
    }),
  invalidParameter: (param: string | null, detail: string) =>
    new ApiError(400, { message: detail, param, code: 'invalid_value' }),
  bodyTooLarge: (limitBytes: number) =>
    new ApiError(413, {
      message: `Request body too large: the limit is ${limitBytes} bytes.`,
      code: 'request_too_large',
    }),
  unsupportedEncoding: (detail: string) =>
    new ApiError(415, { message: detail, code: 'unsupported_media_type' }),
  /** A body that its content-encoding (gzip, deflate, br) cannot decompress. */
  corruptBody: (encoding: string) =>
    new ApiError(400, {
      message: `The request body could not be decompressed (content-encoding: ${encoding}).`,
    }),
  /** An `Expect` other than `100-continue`, which is all HTTP/1.1 defines. */
  expectationFailed: (expect: string) =>
    new ApiError(417, {
      message: `Unsupported Expect header '${expect}': only '100-continue' is supported.`,
    }),
  unknownUrl: (method: string, path: string) =>
    new ApiError(404, { message: `Invalid URL (${method} ${path})` }),
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    new ApiError(
      405,
      { message: `Invalid method for URL (${method} ${path})` },
      { allow: allowed.join(', ') },
    ),
  invalidJournalFilter: (param: string, message: string) =>
    new ApiError(400, { message, param, code: 'invalid_journal_filter' }),
  imageNotFound: (path: string) =>
    new ApiError(404, {
      message: `The image at ${path} does not exist: this URL was not issued by this server.`,
      code: 'image_not_found',
    }),
  unknownParameter: (param: string) =>
    new ApiError(400, { message: `Unknown parameter: '${param}'.`, param, code: 'unknown_parameter' }),
  /** gpt-image-2's rule-based sizes; the wording follows the `invalid_value` family. */
  invalidCustomSize: (
    size: string,
    rules: { multipleOf: number; maxEdge: number; maxRatio: number; minPixels: number; maxPixels: number },
    presets: readonly string[],
  ) =>
    new ApiError(400, {
      message:
        `Invalid value: '${size}'. Supported values are: ${joinQuoted(presets, 'and')}, or WIDTHxHEIGHT with both ` +
        `edges multiples of ${rules.multipleOf} and at most ${rules.maxEdge}, an aspect ratio from 1:${rules.maxRatio} ` +
        `to ${rules.maxRatio}:1, and ${rules.minPixels} to ${rules.maxPixels} pixels in total.`,
      param: 'size',
      code: 'invalid_value',
    }),
  /** Unknown or retired model. Checked after every parameter, as the real API does. */
  modelNotFound: (model: string) =>
    new ApiError(400, {
      message: `The model '${model}' does not exist.`,
      param: 'model',
      code: 'invalid_value',
    }),
  /**
   * `GET /v1/models/{model}` for a model the table lacks, or a retired one with `--retired-models error`: a
   * 404 of its own, where a generation naming the model gets `modelNotFound`'s 400. No final period, as upstream.
   */
  modelLookupNotFound: (model: string) =>
    new ApiError(404, {
      message: `The model '${model}' does not exist`,
      param: 'model',
      code: 'model_not_found',
    }),
  /** A quality another model takes (`xhigh` on gpt-image-2). */
  qualityNotSupported: (model: string, quality: string) =>
    new ApiError(400, {
      message: `The model '${model}' does not support quality '${quality}'`,
      param: 'quality',
      code: 'invalid_value',
    }),
  /** The DALL-E models' form: the whole prompt quoted back, no code or param. */
  promptTooLongLegacy: (prompt: string) =>
    new ApiError(400, { message: `'${prompt}' is too long - 'prompt'`, dialect: 'legacy' }),
  transparentNeedsAlpha: (outputFormat: string) =>
    new ApiError(400, {
      message: `Invalid value: 'transparent'. Transparent backgrounds need output_format 'png' or 'webp', but got '${outputFormat}'.`,
      param: 'background',
      code: 'invalid_value',
    }),
  /** An uploaded file the journal links to, no longer held (evicted, or uploaded to another process). */
  uploadGone: (path: string) =>
    new ApiError(404, {
      message: `The file at ${path} is not held: uploads are kept in a bounded memory cache by the server that received them.`,
      code: 'file_not_found',
    }),
  // ---- uploads: the edits and variations endpoints (multipart files, JSON data: URLs) ----
  /** Multipart framing the reader cannot follow: truncated, no boundary, a part without a name. */
  malformedMultipart: (detail: string) =>
    new ApiError(400, {
      message: `The multipart body could not be read: ${detail}.`,
      code: 'invalid_multipart',
    }),
  /** More parts, files or fields than the reader takes: the rest is never read. */
  tooManyParts: (what: string, limit: number) =>
    new ApiError(400, {
      message: `The multipart body has too many ${what}: at most ${limit} are read.`,
      code: 'invalid_multipart',
    }),
  /** A text field past the reader's limit (far above any prompt's maximum). */
  fieldTooLarge: (param: string, limitBytes: number) =>
    new ApiError(400, {
      message: `Invalid '${param}': the form field is larger than ${limitBytes} bytes.`,
      param,
      code: 'string_above_max_length',
    }),
  /** One file over the largest upload any model takes; its bytes past the limit are never kept. */
  fileTooLarge: (param: string, limitBytes: number) =>
    new ApiError(400, {
      message: `Invalid file '${param}': file too large. Expected a file of at most ${limitBytes} bytes (${limitBytes / 1024 / 1024} MB), but got a larger one.`,
      param,
      code: 'file_too_large',
    }),
  /** The declared part type decides, as upstream: a PNG sent as `application/octet-stream` is refused. */
  unsupportedMimetype: (param: string, mimetype: string, allowed: readonly string[]) =>
    new ApiError(400, {
      message: `Invalid file '${param}': unsupported mimetype ('${mimetype}'). Supported file formats are ${joinQuoted(allowed, 'and')}.`,
      param,
      code: 'unsupported_file_mimetype',
    }),
  /** Bytes that do not decode as the image their part declared (GPT image models; `n` counts from 1). */
  invalidImageFile: (n: number) =>
    new ApiError(400, {
      message: `Invalid image file or mode for image ${n}, please check your image file.`,
      type: 'image_generation_user_error',
      code: 'invalid_image_file',
    }),
  /** dall-e-2: anything but a PNG under 4 MB, in its older error family. */
  dalleImageNotPng: (what: 'image' | 'mask' = 'image') =>
    new ApiError(400, { message: `Uploaded ${what} must be a PNG and less than 4 MB.`, dialect: 'legacy' }),
  dalleImageNotSquare: (width: number, height: number) =>
    new ApiError(400, {
      message: `Uploaded image must be square, but it is ${width}x${height}.`,
      dialect: 'legacy',
    }),
  /** dall-e-2 without a mask: the image's own transparency marks where to edit. */
  imageWithoutAlpha: (mode: string) =>
    new ApiError(400, {
      message: `Invalid input image - format must be in ['RGBA', 'LA', 'L'], got ${mode}.`,
      dialect: 'legacy',
    }),
  invalidMask: (detail: string) =>
    new ApiError(400, { message: `Invalid file 'mask': ${detail}.`, param: 'mask', code: 'invalid_mask' }),
  tooManyImages: (max: number, got: number) =>
    new ApiError(400, {
      message: `Invalid 'image': array too long. Expected an array with maximum length ${max}, but got an array with length ${got} instead.`,
      param: 'image',
      code: 'array_above_max_length',
    }),
  /** A JSON edit naming an uploaded file: this server has no Files API, so no file id exists. */
  fileNotFound: (param: string, fileId: string) =>
    new ApiError(404, {
      message: `No such File object: ${fileId}. imagegen-mock has no Files API: send the image as a data: URL in 'image_url'.`,
      param,
      code: 'file_not_found',
    }),
  /** A JSON edit's `image_url` that is not a `data:` URL of an image: the mock fetches nothing. */
  imageUrlNotData: (param: string) =>
    new ApiError(400, {
      message: `Invalid '${param}': expected a data: URL of an image (data:image/png;base64,...); imagegen-mock does not fetch URLs.`,
      param,
      code: 'invalid_value',
    }),
  /** An edit's URL image, kept in memory by the process that made it, since evicted or never issued here. */
  editImageGone: (path: string) =>
    new ApiError(404, {
      message: `The image at ${path} does not exist: edit and variation images are kept in a bounded memory cache by the server that made them, and this one does not hold it (evicted, or made by another process).`,
      code: 'image_not_found',
    }),
  /** dall-e models. */
  contentPolicyViolation: () =>
    new ApiError(400, {
      message:
        'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
      code: 'content_policy_violation',
      dialect: 'legacy',
    }),
  /** GPT image models: a different type and code, and `moderation_details`. */
  moderationBlocked: (
    requestId: string,
    categories: readonly string[],
    stage: 'input' | 'output' = 'input',
  ) =>
    new ApiError(400, {
      message: `Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID ${requestId}. safety_violations=[${categories.join(', ')}].`,
      type: 'image_generation_user_error',
      code: 'moderation_blocked',
      extra: { moderation_details: { moderation_stage: stage, categories: [...categories] } },
    }),
  /** The real API counts per minute (`Limit: 15/1min`); a limiter with another window says its own. */
  rateLimited: (limit: number, current: number, retryAfterSeconds: number, windowMs = 60_000) => {
    const [unit, span] = RATE_WINDOWS[windowMs] ?? [`${windowMs} ms`, `${windowMs}ms`];
    return new ApiError(
      429,
      {
        message: `Rate limit exceeded for images per ${unit} in organization ${MOCK_ORGANIZATION}. Limit: ${limit}/${span}. Current: ${current}/${span}. Please visit https://platform.openai.com/docs/guides/rate-limits to learn how to increase your rate limit.`,
        type: 'requests',
        code: 'rate_limit_exceeded',
      },
      { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    );
  },
  /** The mock's own 400 for a fault directive it cannot follow, so the client learns why nothing happened. */
  invalidMockDirective: (written: string, param: string | null, expected: string) =>
    new ApiError(400, {
      message: `Invalid mock directive ${written}: ${expected}.`,
      param,
      code: 'invalid_mock_directive',
    }),
  /** Needs the user to act, so no `retry-after`. */
  insufficientQuota: () =>
    new ApiError(429, {
      message:
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      type: 'insufficient_quota',
      code: 'insufficient_quota',
    }),
  billingHardLimit: () =>
    new ApiError(400, {
      message: 'Billing hard limit has been reached',
      code: 'billing_hard_limit_reached',
      dialect: 'legacy',
    }),
  organizationNotVerified: (model: string) =>
    new ApiError(403, {
      message: `Your organization must be verified to use the model \`${model}\`. Please go to: https://platform.openai.com/settings/organization/general and click on Verify Organization. If you just verified, it can take up to 15 minutes for access to propagate.`,
    }),
  serverError: () =>
    new ApiError(500, {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
    }),
  overloaded: () =>
    new ApiError(503, {
      message: 'The engine is currently overloaded, please try again later.',
      type: 'server_error',
    }),
} as const;

/** `sk-abcdefghijklmnop` -> `sk-abcde********mnop`, as the real API echoes a wrong key. */
export function maskApiKey(key: string): string {
  if (key.length <= 12) return key;
  return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

/** `['a', 'b', 'c']` -> `'a', 'b', and 'c'` (and `'a' and 'b'` for two). */
export function joinQuoted(values: readonly string[], conjunction: 'and' | 'or'): string {
  const quoted = values.map((value) => `'${value}'`);
  if (quoted.length <= 1) return quoted.join('');
  if (quoted.length === 2) return `${quoted[0]} ${conjunction} ${quoted[1]}`;
  return `${quoted.slice(0, -1).join(', ')}, ${conjunction} ${quoted.at(-1)}`;
}

/** Serialises an error as the real API does: two-space indent; the legacy dialect ends with a newline. */
export function serializeError(error: ApiError): string {
  const json = JSON.stringify(error.toBody(), null, 2);
  return error.dialect === 'legacy' ? `${json}\n` : json;
}

/** What `errorFromThrown` needs to know of the request that failed. */
export interface FailedRequest {
  method: string;
  /** The URL as requested, path and query. */
  url: string;
  /** The `content-encoding` header, if any. */
  contentEncoding?: string | undefined;
}

/**
 * The one mapping from anything thrown while answering to the envelope: an ApiError as it is, the body
 * parser's failures (bad JSON, too large, unsupported encoding or charset), a body its content-encoding
 * cannot decompress, a malformed percent-encoding, another 4xx by its status; anything else is a bug and
 * becomes the real API's 500, never a stack trace (`onUnexpected` hears of it).
 */
export function errorFromThrown(
  error: unknown,
  request: FailedRequest,
  onUnexpected: (error: Error) => void = () => {},
): ApiError {
  if (error instanceof ApiError) return error;
  const { type, status, limit, message } = (error ?? {}) as {
    type?: string;
    status?: number;
    limit?: number;
    message?: string;
  };
  switch (type) {
    case 'entity.parse.failed':
      return errors.malformedJson();
    case 'entity.too.large':
      return errors.bodyTooLarge(limit ?? 0);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return errors.unsupportedEncoding(message ?? 'Unsupported content encoding.');
  }
  if (isDecompressionError(error)) return errors.corruptBody(request.contentEncoding ?? '');
  if (error instanceof URIError) {
    return new ApiError(400, {
      message: `Invalid URL (${request.method} ${request.url}): malformed percent-encoding`,
    });
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError(status, { message: message ?? 'The request could not be read.' });
  }
  onUnexpected(error instanceof Error ? error : new Error(String(error)));
  return errors.serverError();
}

/**
 * A failure of zlib while inflating the body: zlib's own codes (`Z_DATA_ERROR`, `Z_BUF_ERROR`...) for
 * gzip and deflate, the Brotli decoder's (`ERR__ERROR_FORMAT_PADDING_1`...) for br.
 */
function isDecompressionError(error: unknown): boolean {
  const { code, errno } = (error ?? {}) as { code?: unknown; errno?: unknown };
  return typeof errno === 'number' && typeof code === 'string' && /^(Z_|ERR__ERROR_)/.test(code);
}
