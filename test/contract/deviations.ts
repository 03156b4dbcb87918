import { gzipSync } from 'node:zlib';
import type { Answer, Behaviour, ForwardedRequest, SuccessBody } from './behaviour.js';
import {
  addPixelNoise,
  corruptIdatCrc,
  doubleSize,
  greyCanvas,
  repaint,
  toJpeg,
  toRgba,
  truncate,
} from './png-edits.js';

/**
 * What a provider can do differently from the images contract, one named flag each. `breaks` entries are
 * deviations real hosts have shipped, which the contract suite must catch; `tolerated` entries are
 * conformant-but-different behaviour it must accept. Each entry lists only the stages it applies to, so the
 * table reads as "what changes where".
 */

const GATEWAY_ERROR_PAGE =
  '<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>';

function editJson(answer: Answer, edit: (json: Record<string, unknown>) => unknown): void {
  const json = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
  answer.body = Buffer.from(JSON.stringify(edit(json) ?? json, null, 2));
}

function errorOf(json: Record<string, unknown>): Record<string, unknown> {
  return (json.error ?? {}) as Record<string, unknown>;
}

/** A JSON object body, or undefined for anything else (malformed, empty, an array). */
export function parseObject(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function editUrls(body: SuccessBody, edit: (url: string, index: number) => string): void {
  body.data.forEach((item, index) => {
    if (typeof item.url === 'string') item.url = edit(item.url, index);
  });
}

function useKey(request: ForwardedRequest, apiKey: string): void {
  request.headers.authorization = `Bearer ${apiKey}`;
}

/** A JSON error answer in the envelope. */
function errorAnswer(
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify({ error: { param: null, code: null, ...error } }, null, 2)),
  };
}

/** An answer for requests that carry the provider's key; the others go on to the auth check upstream. */
function whenKeyed(answer: (request: ForwardedRequest) => Answer | undefined) {
  return (request: ForwardedRequest, apiKey: string): Answer | undefined =>
    request.headers.authorization === `Bearer ${apiKey}` ? answer(request) : undefined;
}

/** The generation an upload's form would be, with another prompt: what a host that drops the files sends. */
function generationOf(form: FormData, prompt: string): Record<string, unknown> {
  const body: Record<string, unknown> = { prompt };
  for (const key of ['model', 'size', 'quality', 'response_format']) {
    const value = form.get(key);
    if (typeof value === 'string') body[key] = value;
  }
  const n = form.get('n');
  if (typeof n === 'string') body.n = Number(n);
  return body;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

export const BEHAVIOURS = {
  // --- image bytes -------------------------------------------------------------------------------------
  'wrong-dimensions': { kind: 'breaks', image: doubleSize },
  'jpeg-behind-png': { kind: 'breaks', image: toJpeg },
  'corrupt-crc': { kind: 'breaks', image: corruptIdatCrc },
  'truncated-png': { kind: 'breaks', image: truncate },
  'not-an-image': { kind: 'breaks', image: () => Buffer.from(GATEWAY_ERROR_PAGE) },
  'data-uri-prefix': { kind: 'breaks', base64: (b64) => `data:image/png;base64,${b64}` },
  'line-wrapped-base64': { kind: 'breaks', base64: (b64) => (b64.match(/.{1,76}/g) ?? []).join('\r\n') },
  'identical-images': {
    kind: 'breaks',
    success: (body) => {
      const [first] = body.data;
      for (const item of body.data) {
        if (first?.b64_json !== undefined) item.b64_json = first.b64_json;
        if (first?.url !== undefined) item.url = first.url;
      }
    },
  },
  'same-picture-n-times': {
    kind: 'breaks',
    // One picture for every item, re-encoded so the bytes differ (RGB, then RGBA): only pixels tell.
    success: (body, { images, publish }) => {
      const [first] = images;
      if (!first) return;
      body.data.forEach((item, index) => {
        if (index === 0) return;
        const copy = toRgba(first);
        if (item.b64_json !== undefined) item.b64_json = copy.toString('base64');
        if (item.url !== undefined) item.url = publish(copy);
      });
    },
  },
  'always-square': {
    kind: 'breaks',
    // Draws 1024x1024 whatever size was asked for, and says so in `size` too.
    request: (request) => {
      const body = parseObject(request.body);
      if (typeof body?.size !== 'string' || typeof body.prompt !== 'string' || body.prompt === '') return;
      body.size = '1024x1024';
      request.body = Buffer.from(JSON.stringify(body));
    },
  },
  // --- success body --------------------------------------------------------------------------------------
  'ignores-n': { kind: 'breaks', success: (body) => void body.data.splice(1) },
  'created-in-ms': {
    kind: 'breaks',
    success: (body) => void (body.created = Number(body.created) * 1000 + 417),
  },
  'created-as-string': { kind: 'breaks', success: (body) => void (body.created = String(body.created)) },
  'missing-created': { kind: 'breaks', success: (body) => void delete body.created },
  'both-url-and-b64': {
    kind: 'breaks',
    success: (body, { images, publish }) =>
      body.data.forEach((item, index) => {
        const bytes = images[index] ?? Buffer.alloc(0);
        item.url ??= publish(bytes);
        item.b64_json ??= bytes.toString('base64');
      }),
  },
  'ignores-response-format': {
    kind: 'breaks',
    request: (request) => {
      const body = parseObject(request.body);
      if (body?.response_format === undefined) return;
      delete body.response_format;
      request.body = Buffer.from(JSON.stringify(body));
    },
  },
  'revised-prompt-null': {
    kind: 'breaks',
    success: (body) => body.data.forEach((item) => (item.revised_prompt = null)),
  },
  'revised-prompt-empty': {
    kind: 'breaks',
    success: (body) => body.data.forEach((item) => (item.revised_prompt = '')),
  },
  'chat-shaped-usage': {
    kind: 'breaks',
    success: (body) => void (body.usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }),
  },
  'wrong-content-type': {
    kind: 'breaks',
    success: (_body, { headers }) => void (headers['content-type'] = 'text/plain; charset=utf-8'),
  },
  // --- image URLs ----------------------------------------------------------------------------------------
  'dead-urls': {
    kind: 'breaks',
    success: (body, { origin, seq }) =>
      editUrls(body, (_url, index) => `${origin}/files/expired-${seq}-${index}.png`),
  },
  'url-octet-stream': {
    kind: 'breaks',
    file: (answer) => void (answer.headers['content-type'] = 'application/octet-stream'),
  },
  // --- errors --------------------------------------------------------------------------------------------
  'plain-text-errors': {
    kind: 'breaks',
    error: (answer) => {
      const message = String(
        errorOf(JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>).message,
      );
      answer.headers['content-type'] = 'text/plain; charset=utf-8';
      answer.body = Buffer.from(message);
    },
  },
  '500-on-bad-input': {
    kind: 'breaks',
    error: (answer) => {
      if (answer.status !== 400) return;
      answer.status = 500;
      editJson(
        answer,
        (json) => void Object.assign(errorOf(json), { type: 'server_error', param: null, code: null }),
      );
    },
  },
  'bare-error-envelope': { kind: 'breaks', error: (answer) => editJson(answer, (json) => json.error) },
  'numeric-error-code': {
    kind: 'breaks',
    error: (answer) => editJson(answer, (json) => void (errorOf(json).code = answer.status)),
  },
  'envelope-without-param': {
    kind: 'breaks',
    error: (answer) =>
      editJson(answer, (json) => {
        const { message, type } = errorOf(json);
        return { error: { message, type } };
      }),
  },
  'param-always-null': {
    kind: 'breaks',
    error: (answer) => editJson(answer, (json) => void (errorOf(json).param = null)),
  },
  // --- refusals that are not rejections ----------------------------------------------------------------
  'refuses-everything': {
    kind: 'breaks',
    // Every request with the key, valid or not: the model is unknown (a wrong --model, a gateway mapping).
    respond: whenKeyed((request) =>
      errorAnswer(400, {
        message: `The model '${String(parseObject(request.body)?.model)}' does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      }),
    ),
  },
  'same-400-for-everything': {
    kind: 'breaks',
    respond: whenKeyed(() => errorAnswer(400, { message: 'Bad request.', type: 'invalid_request_error' })),
  },
  'rate-limits-everything': {
    kind: 'breaks',
    respond: whenKeyed(() =>
      errorAnswer(
        429,
        { message: 'Rate limit reached for images per min.', type: 'requests', code: 'rate_limit_exceeded' },
        { 'retry-after': '1' },
      ),
    ),
  },
  'not-found-everywhere': {
    kind: 'breaks',
    // A base URL missing a path segment: every request, with a key or not, finds no route.
    respond: (request) =>
      errorAnswer(404, { message: `Invalid URL (POST ${request.path})`, type: 'invalid_request_error' }),
  },
  'fails-generations': {
    kind: 'breaks',
    respond: whenKeyed((request) => {
      const body = parseObject(request.body);
      const valid = typeof body?.prompt === 'string' && body.prompt !== '' && body.n !== 0;
      return valid
        ? errorAnswer(500, { message: 'The server had an error.', type: 'server_error' })
        : undefined;
    }),
  },
  // --- edits and variations ------------------------------------------------------------------------------
  'edit-ignores-image': {
    kind: 'breaks',
    // Draws from the prompt alone, as a gateway that maps edits onto generations does.
    upload: (form, endpoint) => {
      const prompt = form.get('prompt');
      return endpoint === 'edits' && form.has('image') && typeof prompt === 'string' && prompt !== ''
        ? generationOf(form, prompt)
        : undefined;
    },
  },
  'edit-ignores-mask': { kind: 'breaks', upload: (form) => void form.delete('mask') },
  'variation-ignores-image': {
    kind: 'breaks',
    upload: (form, endpoint) =>
      endpoint === 'variations' && form.has('image')
        ? generationOf(form, 'A variation of the uploaded image')
        : undefined,
  },
  'accepts-text-as-image': {
    kind: 'breaks',
    // Whatever the bytes, draws from a canvas of its own: a text file is never refused.
    upload: async (form) => {
      const image = form.get('image');
      if (!(image instanceof Blob)) return undefined;
      const head = Buffer.from(await image.slice(0, 4).arrayBuffer());
      if (!head.equals(PNG_SIGNATURE))
        form.set('image', new Blob([greyCanvas()], { type: 'image/png' }), 'image.png');
      return undefined;
    },
  },
  'edit-wrong-size': { kind: 'breaks', uploadImage: doubleSize },
  // --- auth ----------------------------------------------------------------------------------------------
  'no-auth-check': { kind: 'breaks', request: useKey },
  'accepts-wrong-key': {
    kind: 'breaks',
    request: (request, apiKey) => {
      if (/^Bearer\s+\S/i.test(request.headers.authorization ?? '')) useKey(request, apiKey);
    },
  },
  'auth-403': {
    kind: 'breaks',
    error: (answer) => {
      if (answer.status === 401) answer.status = 403;
    },
  },
  // --- headers and timing --------------------------------------------------------------------------------
  'no-request-id': { kind: 'breaks', headers: (headers) => void delete headers['x-request-id'] },
  slow: { kind: 'breaks', delayMs: (timing) => timing.slowMs },

  // === conformant but different ==========================================================================
  'extra-fields': {
    kind: 'tolerated',
    success: (body, { request, seq }) => {
      Object.assign(body, { id: `img-${seq}`, object: 'list', model: request.model ?? null });
      body.data.forEach((item, index) => Object.assign(item, { index, mime_type: 'image/png' }));
    },
  },
  'revised-prompt-echo': {
    kind: 'tolerated',
    success: (body, { request }) => body.data.forEach((item) => (item.revised_prompt ??= request.prompt)),
  },
  'error-status-key': {
    kind: 'tolerated',
    error: (answer) => editJson(answer, (json) => void (json.status = answer.status)),
  },
  'extra-headers': {
    kind: 'tolerated',
    headers: (headers) =>
      void Object.assign(headers, {
        server: 'cloudflare',
        'cf-ray': '8f2c1e7b9d0a4c3e-AMS',
        'cf-cache-status': 'DYNAMIC',
        'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
        'x-ratelimit-limit-requests': '50',
        'x-ratelimit-remaining-requests': '49',
        'set-cookie': '__cf_bm=abc123; path=/; HttpOnly; Secure; SameSite=None',
      }),
  },
  'json-charset': {
    kind: 'tolerated',
    headers: (headers) => {
      if (headers['content-type'] === 'application/json') headers['content-type'] += '; charset=utf-8';
    },
  },
  'random-pixels': { kind: 'tolerated', image: addPixelNoise },
  // Edits as a real model answers them: the same picture repainted, its colours drifted, RGBA.
  'edit-repainted': { kind: 'tolerated', uploadImage: repaint },
  rgba: { kind: 'tolerated', image: toRgba },
  gzip: {
    kind: 'tolerated',
    wire: (answer, request) => {
      if (!/\bgzip\b/.test(request.headers['accept-encoding'] ?? '') || answer.body.length === 0) return;
      answer.body = gzipSync(answer.body);
      answer.headers['content-encoding'] = 'gzip';
      answer.headers.vary = 'accept-encoding';
    },
  },
  chunked: { kind: 'tolerated', wire: (answer) => void (answer.chunked = true) },
  'slow-within-timeout': { kind: 'tolerated', delayMs: (timing) => timing.withinTimeoutMs },
  'urls-on-another-host': {
    kind: 'tolerated',
    success: (body, { origin, otherOrigin }) => editUrls(body, (url) => url.replace(origin, otherOrigin)),
  },
  'signed-urls': {
    kind: 'tolerated',
    success: (body, { seq }) =>
      editUrls(
        body,
        (url) => `${url}?st=2026-01-01T00%3A00%3A00Z&se=2026-01-01T02%3A00%3A00Z&sp=r&sig=${seq}`,
      ),
  },
} satisfies Record<string, Behaviour>;

export type Deviation = keyof typeof BEHAVIOURS;

/** The table, typed by entry rather than by literal. */
export const behaviours: Readonly<Record<Deviation, Behaviour>> = BEHAVIOURS;

const names = Object.keys(BEHAVIOURS) as Deviation[];
/** Deviations the contract suite must catch. */
export const BREAKING: readonly Deviation[] = names.filter((name) => behaviours[name].kind === 'breaks');
/** Conformant-but-different behaviour the contract suite must accept. */
export const TOLERATED: readonly Deviation[] = names.filter((name) => behaviours[name].kind === 'tolerated');
