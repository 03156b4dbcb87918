import type { ContractCheck } from '../engine/check.js';
import type { Evidence } from '../engine/evidence.js';
import { FREE_PURPOSES } from '../engine/plan-needs.js';
import { pass, skip, verdictOf, type Verdict } from './verdict.js';

/** Every answer from the provider's endpoint (image URL fetches are another host's) carries `x-request-id`. */
function checkRequestId({ all }: Evidence): Verdict {
  const answers = all.flatMap((outcome) =>
    outcome.ok && outcome.exchange.request.purpose !== 'image.url-fetch' ? [outcome.exchange] : [],
  );
  if (answers.length === 0) return skip('no answers to inspect');
  const problems = answers
    .filter((exchange) => !exchange.headers['x-request-id'])
    .map((exchange) => ({
      reason: `${exchange.request.purpose ?? exchange.request.url}: no x-request-id`,
      request: exchange.request,
    }));
  return verdictOf(problems, `${answers.length} answer(s) carry x-request-id`);
}

/** Every request got its whole answer within its timeout. */
function checkTiming({ all, plan }: Evidence): Verdict {
  if (all.length === 0) return skip('no requests sent');
  const problems = all.flatMap((outcome) =>
    !outcome.ok && outcome.failure === 'timeout'
      ? [
          {
            reason: `${outcome.request.purpose ?? outcome.request.url}: ${outcome.message}`,
            request: outcome.request,
          },
        ]
      : [],
  );
  const slowest = Math.max(
    ...all.map((outcome) => (outcome.ok ? outcome.exchange.durationMs : outcome.durationMs)),
  );
  const { timeoutMs, errorTimeoutMs } = plan.options;
  const verdict = verdictOf(problems, '');
  if (verdict.status !== 'pass') return verdict;
  return pass(
    `${all.length} answer(s) in time, the slowest in ${(slowest / 1000).toFixed(1)} s (limits ${timeoutMs / 1000} s / ${errorTimeoutMs / 1000} s)`,
  );
}

/**
 * Headers and timing judge every answer of the run, so they wait for all of it. They want the free
 * requests planned (any answer will do), so that even `--max-images 0` has answers to judge.
 */
export const TRANSPORT_CHECKS: readonly ContractCheck[] = [
  {
    id: 'headers.request-id',
    title: 'every answer carries `x-request-id`',
    severity: 'should',
    needs: { purposes: FREE_PURPOSES },
    waitsFor: 'everything',
    evaluate: checkRequestId,
  },
  {
    id: 'timing.timeout',
    title: 'every answer arrives within the configured timeout',
    severity: 'should',
    needs: { purposes: FREE_PURPOSES },
    waitsFor: 'everything',
    evaluate: checkTiming,
  },
];
