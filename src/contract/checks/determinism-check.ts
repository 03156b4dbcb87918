import type { ContractCheck } from '../engine/check.js';
import type { Evidence } from '../engine/evidence.js';
import { fail, nothingToJudge, pass, type Verdict } from './verdict.js';

function checkDeterminism(evidence: Evidence): Verdict {
  const { generations } = evidence;
  const first = (purpose: string) =>
    generations.find((answer) => answer.step.purpose === purpose)?.items[0]?.bytes;
  const [a, b] = [first('generate.b64'), first('generate.repeat')];
  if (!a || !b)
    return nothingToJudge(evidence, 'image from one of two identical requests', [
      'generate.b64',
      'generate.repeat',
    ]);
  const request = generations.find((answer) => answer.step.purpose === 'generate.repeat')?.step.request;
  return a.equals(b)
    ? pass('two identical requests gave byte-identical images')
    : fail('two identical requests gave different images', request);
}

/** Our mock's promise, not the API's: only with `expectDeterministic`, which plans the repeated request. */
export const DETERMINISM_CHECK: ContractCheck = {
  id: 'determinism',
  title: 'identical requests give byte-identical images (only with expectDeterministic)',
  severity: 'must',
  needs: { purposes: ['generate.b64', 'generate.repeat'], all: true },
  evaluate: checkDeterminism,
};
