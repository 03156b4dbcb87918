import { inspectImage } from '../inspect/inspect-image.js';
import type { Outcome } from './http.js';
import type { PlanStep } from './plan.js';
import type { Runner } from './runner.js';
import { isRecord, parseJson, type GenerationAnswer, type ItemEvidence } from '../checks/verdict.js';

const CONTENT_TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/webp': 'webp',
};

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
