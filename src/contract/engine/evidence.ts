import { inspectImage, type ImageInspection } from '../inspect/inspect-image.js';
import type { Outcome } from './http.js';
import type { FullPlan, PlanStep } from './plan.js';
import type { Runner } from './runner.js';
import { isRecord } from '../../is-record.js';

const CONTENT_TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/webp': 'webp',
};

/** One item of `data`, with its image bytes when they could be had. */
export interface ItemEvidence {
  step: PlanStep;
  index: number;
  raw: unknown;
  b64?: string;
  url?: string;
  /** The GET of `url`. */
  fetch?: Outcome;
  bytes?: Buffer;
  /** The format the answer claims: the URL's content type, or `output_format` / `mime_type` in the body. */
  claim?: string;
  inspection?: ImageInspection;
}

/** A generating request's answer, parsed as far as it goes. */
export interface GenerationAnswer {
  step: PlanStep;
  outcome: Outcome;
  /** Local clock, ms, when the answer was complete. */
  receivedAtMs: number;
  /** The parsed JSON body, when the answer is a 200 with a JSON body. */
  body?: Record<string, unknown>;
  items: ItemEvidence[];
}

/** Everything the checks judge. Filled as requests settle; a check runs once what it needs is in. */
export interface Evidence {
  plan: FullPlan;
  /** Outcomes by step purpose. */
  outcomes: ReadonlyMap<string, Outcome>;
  generations: readonly GenerationAnswer[];
  /** The answers to edits and variations (steps with an `upload`), parsed as generation answers are. */
  uploads: readonly GenerationAnswer[];
  /** Every request's outcome, image URL fetches included. */
  all: readonly Outcome[];
}

/**
 * Parses a generating request's answer and gets each item's bytes: `b64_json` decoded (a stray `data:`
 * prefix or line breaks are left to `image.base64` to fault, so each deviation fails one check), `url`
 * fetched without the provider's key, which is never sent to the host an image URL names.
 */
export async function collectAnswer(
  step: PlanStep,
  outcome: Outcome,
  runner: Runner,
  timeoutMs: number,
): Promise<GenerationAnswer> {
  const receivedAtMs = Date.now();
  const json = outcome.ok && outcome.exchange.status === 200 ? parseJson(outcome.exchange.body) : undefined;
  if (!isRecord(json)) return { step, outcome, receivedAtMs, items: [] };
  const data = Array.isArray(json.data) ? (json.data as unknown[]) : [];
  const bodyClaim = typeof json.output_format === 'string' ? json.output_format : undefined;
  const items = await Promise.all(
    data.map(async (raw, index): Promise<ItemEvidence> => {
      const item: ItemEvidence = { step, index, raw };
      if (!isRecord(raw)) return item;
      const mime = typeof raw.mime_type === 'string' ? CONTENT_TYPES[raw.mime_type.toLowerCase()] : undefined;
      if (typeof raw.b64_json === 'string' && raw.b64_json !== '') {
        item.b64 = raw.b64_json;
        item.bytes = Buffer.from(raw.b64_json.replace(/^data:[^,]*,/, '').replace(/\s+/g, ''), 'base64');
        const claim = mime ?? bodyClaim;
        if (claim) item.claim = claim;
      } else if (typeof raw.url === 'string' && raw.url !== '') {
        item.url = raw.url;
        if (/^https?:\/\//i.test(raw.url)) {
          const request = {
            method: 'GET' as const,
            url: raw.url,
            headers: { accept: 'image/*' },
            billableImages: 0,
            estimatedCostUsd: 0,
            purpose: 'image.url-fetch',
          };
          item.fetch = await runner.send(request, timeoutMs, { provider: false });
          if (item.fetch.ok && item.fetch.exchange.status === 200) {
            item.bytes = item.fetch.exchange.body;
            const type =
              item.fetch.exchange.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
            const claim = CONTENT_TYPES[type];
            if (claim) item.claim = claim;
          }
        }
      }
      if (item.bytes) item.inspection = inspectImage(item.bytes);
      return item;
    }),
  );
  return { step, outcome, receivedAtMs, body: json, items };
}

/** The parsed JSON of a body, or undefined. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

export { isRecord } from '../../is-record.js';
