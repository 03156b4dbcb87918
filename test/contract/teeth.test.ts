import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckStatus, ContractOptions } from '../../src/contract/engine/types.js';
import { BREAKING, type BrokenProviderOptions, type Deviation } from './broken-provider.js';
import { RUN_TEST_TIMEOUT_MS, describeReport, resultOf, startHarness, type Harness } from './harness.js';

/**
 * The contract suite has teeth: each deviation alone, against an otherwise conformant provider, is caught
 * by the check named here. A MUST deviation fails the run; a SHOULD deviation only warns, and the run stays
 * green. One dall-e-2 run covers b64_json, n = 2 and url answers, an edit with and without mask and a
 * variation.
 */

type Caught = Record<string, Extract<CheckStatus, 'fail' | 'warn'>>;

interface Tooth {
  deviation: Deviation;
  /** The checks that must catch it: `fail` for MUST checks, `warn` for SHOULD checks. */
  caughtBy: Caught;
  contract?: Partial<ContractOptions>;
  provider?: BrokenProviderOptions;
}

const fails = (...ids: string[]): Caught => Object.fromEntries(ids.map((id) => [id, 'fail']));
const warns = (...ids: string[]): Caught => Object.fromEntries(ids.map((id) => [id, 'warn']));

const REJECTS = [
  'missing-prompt',
  'empty-prompt',
  'n-zero',
  'n-above-max',
  'size-unsupported',
  'malformed-json',
  'empty-body',
];

const TEETH: readonly Tooth[] = [
  // image bytes
  { deviation: 'wrong-dimensions', caughtBy: fails('image.dimensions') },
  { deviation: 'jpeg-behind-png', caughtBy: fails('image.valid') },
  { deviation: 'not-an-image', caughtBy: fails('image.valid') },
  { deviation: 'corrupt-crc', caughtBy: fails('image.valid') },
  { deviation: 'truncated-png', caughtBy: fails('image.valid') },
  { deviation: 'data-uri-prefix', caughtBy: fails('image.base64') },
  { deviation: 'line-wrapped-base64', caughtBy: fails('image.base64') },
  { deviation: 'identical-images', caughtBy: fails('image.distinct') },
  { deviation: 'same-picture-n-times', caughtBy: fails('image.distinct') },
  // gpt-image-1 has square, landscape and portrait sizes; 4 images cover all three.
  { deviation: 'always-square', caughtBy: fails('image.dimensions'), contract: { model: 'gpt-image-1' } },
  {
    // Asked only about the images, a provider that makes none must not pass by having nothing to show.
    deviation: 'fails-generations',
    caughtBy: fails('image.base64', 'image.valid', 'image.dimensions', 'image.url-fetch', 'image.distinct'),
    contract: { only: ['image.'] },
  },
  // success body
  { deviation: 'ignores-n', caughtBy: fails('response.count') },
  { deviation: 'created-in-ms', caughtBy: fails('response.created') },
  { deviation: 'created-as-string', caughtBy: fails('response.schema', 'response.created') },
  { deviation: 'missing-created', caughtBy: fails('response.schema', 'response.created') },
  { deviation: 'both-url-and-b64', caughtBy: fails('response.format-field') },
  { deviation: 'ignores-response-format', caughtBy: fails('response.format-field') },
  { deviation: 'revised-prompt-null', caughtBy: fails('response.schema', 'response.revised-prompt') },
  { deviation: 'revised-prompt-empty', caughtBy: fails('response.revised-prompt') },
  { deviation: 'chat-shaped-usage', caughtBy: fails('response.schema') },
  { deviation: 'wrong-content-type', caughtBy: fails('response.schema') },
  // image URLs
  { deviation: 'dead-urls', caughtBy: fails('image.url-fetch') },
  { deviation: 'url-octet-stream', caughtBy: fails('image.url-fetch') },
  // errors
  { deviation: 'plain-text-errors', caughtBy: fails('errors.envelope') },
  { deviation: '500-on-bad-input', caughtBy: fails(...REJECTS.map((id) => `reject.${id}`)) },
  { deviation: 'bare-error-envelope', caughtBy: fails('errors.envelope') },
  { deviation: 'numeric-error-code', caughtBy: fails('errors.envelope') },
  { deviation: 'envelope-without-param', caughtBy: warns('errors.envelope-complete', 'errors.param') },
  { deviation: 'param-always-null', caughtBy: warns('errors.param') },
  // refusals that are not rejections, with only the free checks (before: all green)
  {
    deviation: 'refuses-everything',
    caughtBy: fails(
      ...REJECTS.filter((id) => id !== 'malformed-json' && id !== 'empty-body').map((id) => `reject.${id}`),
    ),
    contract: { maxImages: 0 },
  },
  {
    deviation: 'same-400-for-everything',
    caughtBy: fails(...REJECTS.map((id) => `reject.${id}`)),
    contract: { maxImages: 0 },
  },
  {
    deviation: 'rate-limits-everything',
    caughtBy: fails(...REJECTS.map((id) => `reject.${id}`)),
    contract: { maxImages: 0 },
  },
  {
    deviation: 'not-found-everywhere',
    caughtBy: fails('auth.missing-key', 'auth.wrong-key', ...REJECTS.map((id) => `reject.${id}`)),
    contract: { maxImages: 0 },
  },
  // edits and variations (gpt-image-1: an edit with and without mask within the budget)
  // Dropping the uploads, a host also accepts the uploads it should have refused.
  {
    deviation: 'edit-ignores-image',
    caughtBy: {
      ...warns('edit.input-reflected', 'edit.mask-honoured'),
      ...fails('reject.edit-not-an-image', 'reject.edit-mimetype', 'reject.edit-mask-size'),
    },
    contract: { model: 'gpt-image-1' },
  },
  {
    deviation: 'edit-ignores-mask',
    caughtBy: { ...warns('edit.mask-honoured'), ...fails('reject.edit-mask-size') },
    contract: { model: 'gpt-image-1' },
  },
  { deviation: 'variation-ignores-image', caughtBy: warns('variation.derived') },
  { deviation: 'accepts-text-as-image', caughtBy: fails('reject.edit-not-an-image') },
  { deviation: 'edit-wrong-size', caughtBy: fails('edit.valid', 'variation.valid') },
  // auth
  { deviation: 'no-auth-check', caughtBy: fails('auth.missing-key', 'auth.wrong-key') },
  { deviation: 'accepts-wrong-key', caughtBy: fails('auth.wrong-key') },
  { deviation: 'auth-403', caughtBy: fails('auth.missing-key', 'auth.wrong-key') },
  // headers and timing
  { deviation: 'no-request-id', caughtBy: warns('headers.request-id') },
  {
    // Late answers warn, and the checks that needed them fail for want of an answer.
    deviation: 'slow',
    caughtBy: { ...warns('timing.timeout'), ...fails('auth.missing-key', 'reject.missing-prompt') },
    contract: { errorTimeoutMs: 200 },
    provider: { slowMs: 500 },
  },
];

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

describe('the contract suite catches each deviation', () => {
  it('has a named check for every deviation of the broken provider', () => {
    expect(TEETH.map((tooth) => tooth.deviation).sort()).toEqual([...BREAKING].sort());
  });

  it.concurrent.each(TEETH)(
    '$deviation is caught',
    async ({ deviation, caughtBy, contract, provider }) => {
      const { report } = await harness.run([deviation], { contract, provider });
      const table = describeReport(report);
      for (const [id, status] of Object.entries(caughtBy)) {
        expect(resultOf(report, id)?.status, `${id}\n${table}`).toBe(status);
      }
      if (Object.values(caughtBy).includes('fail')) {
        expect(report.summary.failed, table).toBeGreaterThan(0);
      } else {
        // SHOULD only: the run stays green, with a warning.
        expect(report.summary.failed, table).toBe(0);
        expect(report.summary.warned, table).toBeGreaterThan(0);
      }
    },
    RUN_TEST_TIMEOUT_MS,
  );

  it(
    'determinism, when asked for, catches images that change between identical requests',
    async () => {
      const deterministic = { contract: { expectDeterministic: true, maxImages: 5 } };
      const [control, changing] = await Promise.all([
        harness.run([], deterministic),
        harness.run(['random-pixels'], deterministic),
      ]);
      expect(resultOf(control.report, 'determinism')?.status, describeReport(control.report)).toBe('pass');
      expect(resultOf(changing.report, 'determinism')?.status, describeReport(changing.report)).toBe('fail');
      expect(changing.report.summary.failed).toBe(1);
    },
    RUN_TEST_TIMEOUT_MS,
  );
});
