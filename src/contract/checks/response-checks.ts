import { validateResponse } from '../../validation/prism-validator.js';
import type { ContractCheck } from '../engine/check.js';
import type { Evidence } from '../engine/evidence.js';
import type { PlannedRequest } from '../engine/types.js';
import {
  describeOutcome,
  isJsonContentType,
  isRecord,
  nothingToJudge,
  parseJson,
  skip,
  verdictOf,
  type Verdict,
} from './verdict.js';

/**
 * `created` may lie up to a day before the request was sent (clock skew, a gateway answering from its
 * cache) but at most 5 minutes after the answer arrived (skew only: an image is not created in the future).
 * Milliseconds, microseconds and zero are off by decades; a local-time-as-UTC bug east of Greenwich shows
 * as a future time.
 */
export const CREATED_PAST_TOLERANCE_S = 24 * 60 * 60;
export const CREATED_FUTURE_TOLERANCE_S = 5 * 60;

type Problems = { reason: string; request?: PlannedRequest }[];

function checkSchema({ plan, generations }: Evidence): Verdict {
  if (generations.length === 0) return skip('no generation request was planned');
  const problems: Problems = [];
  const { operation } = plan.spec.createImage;
  for (const { step, outcome } of generations) {
    const request = step.request;
    if (!outcome.ok || outcome.exchange.status !== 200) {
      problems.push({ reason: `${step.purpose}: ${describeOutcome(outcome)}`, request });
      continue;
    }
    const { headers, body } = outcome.exchange;
    const contentType = headers['content-type'];
    if (!isJsonContentType(contentType)) {
      problems.push({
        reason: `${step.purpose}: content-type ${contentType ?? '(none)'}, not application/json`,
        request,
      });
      continue;
    }
    const json = parseJson(body);
    if (json === undefined) {
      problems.push({ reason: `${step.purpose}: the body is not JSON`, request });
      continue;
    }
    const validation = validateResponse(operation, {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: json,
    });
    if (!validation.ok) {
      const [violation] = validation.violations;
      const where = violation ? violation.path.join('.') : 'body';
      problems.push({
        reason: `${step.purpose}: ${where} ${violation?.message ?? 'does not conform'}`,
        request,
      });
    }
  }
  return verdictOf(problems, `${generations.length} answer(s) conform to the ImageResponse schema`);
}

function checkCreated(evidence: Evidence): Verdict {
  const { generations } = evidence;
  const problems: Problems = [];
  let checked = 0;
  for (const { step, outcome, body, receivedAtMs } of generations) {
    if (!body || !outcome.ok) continue;
    checked++;
    const { created } = body;
    const request = step.request;
    if (typeof created !== 'number' || !Number.isInteger(created)) {
      problems.push({
        reason: `${step.purpose}: created is ${JSON.stringify(created) ?? 'missing'}, not an integer`,
        request,
      });
      continue;
    }
    const sentS = (receivedAtMs - outcome.exchange.durationMs) / 1000;
    const receivedS = receivedAtMs / 1000;
    if (created > receivedS * 100) {
      problems.push({
        reason: `${step.purpose}: created ${created} looks like milliseconds, not seconds`,
        request,
      });
    } else if (
      created < sentS - CREATED_PAST_TOLERANCE_S ||
      created > receivedS + CREATED_FUTURE_TOLERANCE_S
    ) {
      const offset = Math.round(created - receivedS);
      problems.push({
        reason: `${step.purpose}: created ${created} is ${offset} s from this machine's clock`,
        request,
      });
    }
  }
  if (checked === 0) return nothingToJudge(evidence, 'generation answer');
  return verdictOf(problems, `created is unix seconds near now in ${checked} answer(s)`);
}

function checkCount(evidence: Evidence): Verdict {
  const { generations, plan } = evidence;
  const problems: Problems = [];
  const answered = generations.filter((answer) => answer.body);
  for (const { step, body } of answered) {
    const asked = step.asked?.n ?? 1;
    const data = body?.data;
    const count = Array.isArray(data) ? data.length : undefined;
    if (count !== asked) {
      const got = count === undefined ? 'no data array' : `${count} item(s)`;
      problems.push({ reason: `${step.purpose}: asked for n=${asked}, got ${got}`, request: step.request });
    }
  }
  if (answered.length === 0) return nothingToJudge(evidence, 'generation answer');
  const n2 = plan.steps.some((step) => step.purpose === 'generate.n2')
    ? ''
    : ' (n=2 not asked: see the plan)';
  return verdictOf(problems, `data has exactly n items in ${answered.length} answer(s)${n2}`);
}

function checkFormatField(evidence: Evidence): Verdict {
  const { generations } = evidence;
  const problems: Problems = [];
  let checked = 0;
  for (const { step, items } of generations) {
    const wanted = step.asked?.responseFormat ?? 'b64_json';
    const other = wanted === 'url' ? 'b64_json' : 'url';
    for (const item of items) {
      checked++;
      const raw = isRecord(item.raw) ? item.raw : {};
      const value = raw[wanted];
      const where = `${step.purpose} data[${item.index}]`;
      if (typeof value !== 'string' || value === '') {
        problems.push({ reason: `${where}: no ${wanted} (asked for ${wanted})`, request: step.request });
      } else if (raw[other] !== undefined && raw[other] !== null) {
        problems.push({ reason: `${where}: carries both ${wanted} and ${other}`, request: step.request });
      }
    }
  }
  if (checked === 0) return nothingToJudge(evidence, 'image items');
  return verdictOf(problems, `${checked} item(s) carry exactly the requested field`);
}

function checkRevisedPrompt(evidence: Evidence): Verdict {
  const { generations } = evidence;
  const problems: Problems = [];
  let present = 0;
  for (const { step, items } of generations) {
    for (const item of items) {
      const value = isRecord(item.raw) ? item.raw.revised_prompt : undefined;
      if (value === undefined) continue;
      present++;
      if (typeof value !== 'string' || value.trim() === '') {
        const reason = `${step.purpose} data[${item.index}]: revised_prompt is ${JSON.stringify(value)}`;
        problems.push({ reason, request: step.request });
      }
    }
  }
  if (generations.every((answer) => answer.items.length === 0))
    return nothingToJudge(evidence, 'image items');
  return verdictOf(
    problems,
    present === 0 ? 'no revised_prompt in the answers' : `${present} revised_prompt(s) are non-empty strings`,
  );
}

/** The answer to a generation: status, content type, schema, and the fields the schema cannot hold to. */
export const RESPONSE_CHECKS: readonly ContractCheck[] = [
  {
    id: 'response.schema',
    title: 'generation answers are 200, application/json and conform to openapi.yaml',
    severity: 'must',
    needs: { purposes: ['generate.b64'] },
    evaluate: checkSchema,
  },
  {
    id: 'response.created',
    title: '`created` is an integer of unix seconds near now',
    severity: 'must',
    needs: { purposes: ['generate.b64'] },
    evaluate: checkCreated,
  },
  {
    id: 'response.count',
    title: '`data` has exactly n items',
    severity: 'must',
    needs: { purposes: ['generate.n2', 'generate.b64'] },
    evaluate: checkCount,
  },
  {
    id: 'response.format-field',
    title: 'each item carries exactly the requested one of `url` / `b64_json`',
    severity: 'must',
    needs: { purposes: ['generate.b64'] },
    evaluate: checkFormatField,
  },
  {
    id: 'response.revised-prompt',
    title: '`revised_prompt`, where present, is a non-empty string',
    severity: 'must',
    needs: { purposes: ['generate.b64'] },
    evaluate: checkRevisedPrompt,
  },
];
