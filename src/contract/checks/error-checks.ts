import type { ContractCheck } from '../engine/check.js';
import type { Evidence } from '../engine/evidence.js';
import { ALL_REJECT_PURPOSES, FREE_PURPOSES } from '../engine/plan-needs.js';
import type { PlannedRequest } from '../engine/types.js';
import { isJsonContentType, isRecord, parseJson, skip, verdictOf, type Verdict } from './verdict.js';

type Answered = {
  purpose: string;
  request: PlannedRequest;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
};

/** The answers of the requests that must fail (auth and reject), those that came back with a 4xx. */
function errorAnswers({ plan, outcomes }: Evidence, prefix?: string): Answered[] {
  return plan.steps.flatMap((step) => {
    const outcome = outcomes.get(step.purpose);
    const free = step.purpose.startsWith('reject.') || step.purpose.startsWith('auth.');
    if (!free || (prefix && !step.purpose.startsWith(prefix)) || !outcome?.ok) return [];
    const { status, headers, body, request } = outcome.exchange;
    return status >= 400 && status < 500 ? [{ purpose: step.purpose, request, status, headers, body }] : [];
  });
}

/** What is wrong with an error answer's envelope, MUST-level: JSON, `error.message` and `error.type`. */
export function envelopeProblem(answer: {
  headers: Record<string, string>;
  body: Buffer;
}): string | undefined {
  const contentType = answer.headers['content-type'];
  if (!isJsonContentType(contentType)) return `content-type ${contentType ?? '(none)'}, not application/json`;
  const json = parseJson(answer.body);
  if (!isRecord(json) || !isRecord(json.error)) return 'the body is not {"error": {...}}';
  const { message, type, param, code } = json.error;
  if (typeof message !== 'string' || message.trim() === '') return 'error.message is not a non-empty string';
  if (typeof type !== 'string') return `error.type is ${JSON.stringify(type) ?? 'missing'}, not a string`;
  for (const [key, value] of Object.entries({ param, code })) {
    if (value !== undefined && value !== null && typeof value !== 'string') {
      return `error.${key} is ${JSON.stringify(value)}, not a string or null`;
    }
  }
  return undefined;
}

function checkEnvelope(evidence: Evidence): Verdict {
  const answers = errorAnswers(evidence);
  if (answers.length === 0) return skip('no 4xx answers to inspect');
  const problems = answers.flatMap((answer) => {
    const problem = envelopeProblem(answer);
    return problem
      ? [{ reason: `${answer.purpose} (${answer.status}): ${problem}`, request: answer.request }]
      : [];
  });
  return verdictOf(problems, `${answers.length} error answer(s) carry the envelope`);
}

function checkEnvelopeComplete(evidence: Evidence): Verdict {
  const answers = errorAnswers(evidence).filter((answer) => envelopeProblem(answer) === undefined);
  if (answers.length === 0) return skip('no well-formed error envelopes to inspect (see errors.envelope)');
  const problems = answers.flatMap((answer) => {
    const error = (parseJson(answer.body) as { error: Record<string, unknown> }).error;
    const missing = ['param', 'code'].filter((key) => !(key in error));
    return missing.length > 0
      ? [
          {
            reason: `${answer.purpose}: error.${missing.join(' and error.')} missing`,
            request: answer.request,
          },
        ]
      : [];
  });
  return verdictOf(problems, `${answers.length} envelope(s) carry param and code`);
}

function checkParam(evidence: Evidence): Verdict {
  const expected = new Map(evidence.plan.steps.map((step) => [step.purpose, step.param]));
  const answers = errorAnswers(evidence, 'reject.').filter(
    (answer) => typeof expected.get(answer.purpose) === 'string',
  );
  if (answers.length === 0) return skip('no rejections of a named field to inspect');
  const problems = answers.flatMap((answer) => {
    const json = parseJson(answer.body);
    const param = isRecord(json) && isRecord(json.error) ? json.error.param : undefined;
    const wanted = expected.get(answer.purpose);
    return param === wanted
      ? []
      : [
          {
            reason: `${answer.purpose}: error.param is ${JSON.stringify(param) ?? 'missing'}, not "${wanted}"`,
            request: answer.request,
          },
        ];
  });
  return verdictOf(problems, `${answers.length} rejection(s) name the offending field`);
}

/** The error answers of the free requests (auth and rejections): the envelope, complete, naming the field. */
export const ERROR_CHECKS: readonly ContractCheck[] = [
  {
    id: 'errors.envelope',
    title: 'every 4xx is JSON `{error:{message, type}}`, with `param`/`code` string or null when present',
    severity: 'must',
    needs: { purposes: FREE_PURPOSES },
    evaluate: checkEnvelope,
  },
  {
    id: 'errors.envelope-complete',
    title: 'every error envelope carries `param` and `code` (string or null)',
    severity: 'should',
    needs: { purposes: FREE_PURPOSES },
    evaluate: checkEnvelopeComplete,
  },
  {
    id: 'errors.param',
    title: '`error.param` names the offending field',
    severity: 'should',
    needs: { purposes: ALL_REJECT_PURPOSES },
    evaluate: checkParam,
  },
];
