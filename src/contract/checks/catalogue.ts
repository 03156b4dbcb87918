import type { CheckDefinition } from '../engine/types.js';

/** The negative corpus's cases, each one `reject.<case>` check. The ids are stable. */
export const REJECT_CASES = [
  { id: 'missing-prompt', title: 'a body without prompt' },
  { id: 'empty-prompt', title: 'an empty prompt' },
  { id: 'prompt-number', title: 'a prompt that is a number' },
  { id: 'n-zero', title: 'n = 0' },
  { id: 'n-above-max', title: "n above the model's maximum" },
  { id: 'n-string', title: 'n as a string' },
  { id: 'size-unsupported', title: 'a size the model does not produce' },
  { id: 'size-integer', title: 'size as an integer' },
  { id: 'quality-unknown', title: 'an unknown quality (models that take quality)' },
  { id: 'response-format-unknown', title: 'an unknown response_format (models that take it)' },
  { id: 'malformed-json', title: 'a body that is not valid JSON' },
  { id: 'empty-body', title: 'an empty body' },
  { id: 'body-array', title: 'a JSON array instead of an object' },
] as const;

export type RejectCaseId = (typeof REJECT_CASES)[number]['id'];

/** Every check, in report order. MUST fails the run; SHOULD warns. */
export const CHECKS: readonly CheckDefinition[] = [
  {
    id: 'response.schema',
    title: 'generation answers are 200, application/json and conform to openapi.yaml',
    severity: 'must',
  },
  { id: 'response.created', title: '`created` is an integer of unix seconds near now', severity: 'must' },
  { id: 'response.count', title: '`data` has exactly n items', severity: 'must' },
  {
    id: 'response.format-field',
    title: 'each item carries exactly the requested one of `url` / `b64_json`',
    severity: 'must',
  },
  {
    id: 'response.revised-prompt',
    title: '`revised_prompt`, where present, is a non-empty string',
    severity: 'must',
  },
  {
    id: 'image.base64',
    title: '`b64_json` is plain RFC 4648 base64: no `data:` prefix, no line breaks, canonical padding',
    severity: 'must',
  },
  {
    id: 'image.valid',
    title: 'every image is valid and decodable (signature, chunk CRCs, full decode) and is what it claims',
    severity: 'must',
  },
  {
    id: 'image.format',
    title: 'images come in the requested format (png unless another was asked for)',
    severity: 'should',
  },
  {
    id: 'image.dimensions',
    title: 'width and height equal the requested size, in every shape the model offers',
    severity: 'must',
  },
  {
    id: 'image.url-fetch',
    title: 'image URLs answer GET with 200, an image/* content type and valid image bytes',
    severity: 'must',
  },
  {
    id: 'image.distinct',
    title: 'the n images of one request are different pictures (compared by decoded pixels)',
    severity: 'must',
  },
  ...REJECT_CASES.map((rejectCase): CheckDefinition => ({
    id: `reject.${rejectCase.id}`,
    title: `${rejectCase.title} is rejected as invalid: a 4xx, never 2xx, 5xx, 401/403/404 or a lasting 429`,
    severity: 'must',
  })),
  {
    id: 'errors.envelope',
    title: 'every 4xx is JSON `{error:{message, type}}`, with `param`/`code` string or null when present',
    severity: 'must',
  },
  {
    id: 'errors.envelope-complete',
    title: 'every error envelope carries `param` and `code` (string or null)',
    severity: 'should',
  },
  { id: 'errors.param', title: '`error.param` names the offending field', severity: 'should' },
  {
    id: 'auth.missing-key',
    title: 'a request without a key gets 401 with the error envelope',
    severity: 'must',
  },
  {
    id: 'auth.wrong-key',
    title: 'a request with a wrong key gets 401 with the error envelope',
    severity: 'must',
  },
  { id: 'headers.request-id', title: 'every answer carries `x-request-id`', severity: 'should' },
  { id: 'timing.timeout', title: 'every answer arrives within the configured timeout', severity: 'should' },
  {
    id: 'determinism',
    title: 'identical requests give byte-identical images (only with expectDeterministic)',
    severity: 'must',
  },
];

/** Every check id, in report order. */
export const CHECK_IDS: readonly string[] = CHECKS.map((check) => check.id);

/**
 * The checks, as plain data (a copy), in report order.
 *
 * @example
 * for (const check of listChecks()) console.log(check.severity, check.id, check.title);
 */
export function listChecks(): CheckDefinition[] {
  return CHECKS.map((check) => ({ ...check }));
}

/** Whether `id` is picked by one of `patterns`: an exact id or a prefix ending at a dot (`image.` or `image`). */
export function matchesCheck(id: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const prefix = pattern.endsWith('.') ? pattern : `${pattern}.`;
    return id === pattern || id.startsWith(prefix);
  });
}

/** The checks `only` and `skip` leave, in report order. */
export function selectChecks(only: readonly string[] | undefined, skip: readonly string[] | undefined) {
  return CHECKS.filter(
    (check) =>
      (!only || only.length === 0 || matchesCheck(check.id, only)) && !matchesCheck(check.id, skip ?? []),
  );
}
