import type { Outcome } from '../http.js';
import type { PlannedRequest } from '../types.js';
import {
  describeOutcome,
  fail,
  isJsonContentType,
  isRecord,
  parseJson,
  pass,
  skip,
  verdictOf,
  type Evidence,
  type Verdict,
} from './verdict.js';

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

/** A request that must be rejected: any 4xx passes; 2xx, 5xx, no answer or a 429 that never cleared fail. */
export function checkReject(purpose: string): (evidence: Evidence) => Verdict {
  return ({ outcomes }) => {
    const outcome = outcomes.get(purpose);
    if (!outcome) return skip('not sent');
    if (!outcome.ok) return fail(describeOutcome(outcome), outcome.request);
    const { status, request, retries } = outcome.exchange;
    if (status === 429)
      return fail(`still rate limited (429) after ${retries} retries: inconclusive`, request);
    if (status >= 400 && status < 500) return pass(`rejected: ${describe(outcome)}`);
    const verdict =
      status < 300 ? 'accepted' : status >= 500 ? 'a server error instead of a rejection' : 'not rejected';
    return fail(`${verdict}: ${describeOutcome(outcome)}`, request);
  };
}

export function checkAuth(purpose: string): (evidence: Evidence) => Verdict {
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
      : pass(`rejected: ${describe(outcome)} with the envelope`);
  };
}

export function checkEnvelope(evidence: Evidence): Verdict {
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

export function checkEnvelopeComplete(evidence: Evidence): Verdict {
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

export function checkParam(evidence: Evidence): Verdict {
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

function describe(outcome: Outcome): string {
  if (!outcome.ok) return outcome.message;
  const json = parseJson(outcome.exchange.body);
  const error = isRecord(json) && isRecord(json.error) ? json.error : {};
  const code = typeof error.code === 'string' ? ` ${error.code}` : '';
  const param = typeof error.param === 'string' ? ` (param ${error.param})` : '';
  return `${outcome.exchange.status}${code}${param}`;
}
