import type { ContractCheck } from '../engine/check.js';
import type { Evidence } from '../engine/evidence.js';
import { envelopeProblem } from './error-checks.js';
import { describeOutcome, describeRefusal, fail, pass, skip, type Verdict } from './verdict.js';

function checkAuth(purpose: string): (evidence: Evidence) => Verdict {
  return ({ outcomes }) => {
    const outcome = outcomes.get(purpose);
    if (!outcome) return skip('not sent');
    if (!outcome.ok) return fail(describeOutcome(outcome), outcome.request);
    const { status, request } = outcome.exchange;
    if (status !== 401) {
      const accepted = status < 300 ? 'accepted without a valid key: ' : 'expected 401, got ';
      return fail(accepted + describeOutcome(outcome), request);
    }
    const problem = envelopeProblem(outcome.exchange);
    return problem
      ? fail(`401, but ${problem}`, request)
      : pass(`rejected: ${describeRefusal(outcome)} with the envelope`);
  };
}

/** A request without a key, and one with a key no provider issues, must both get 401 and the envelope. */
export const AUTH_CHECKS: readonly ContractCheck[] = [
  {
    id: 'auth.missing-key',
    title: 'a request without a key gets 401 with the error envelope',
    severity: 'must',
    needs: { purposes: ['auth.missing-key'] },
    evaluate: checkAuth('auth.missing-key'),
  },
  {
    id: 'auth.wrong-key',
    title: 'a request with a wrong key gets 401 with the error envelope',
    severity: 'must',
    needs: { purposes: ['auth.wrong-key'] },
    evaluate: checkAuth('auth.wrong-key'),
  },
];
