import type { JournalEntry } from './journal.js';

/** Which entries to list: every given criterion must hold; `limit` keeps the newest N. */
export interface JournalFilter {
  path?: string;
  /** An inclusive range: one status is `{ min: 404, max: 404 }`, the class `4xx` is `{ min: 400, max: 499 }`. */
  status?: { min: number; max: number };
  /** The request body's `model`. */
  model?: string;
  limit?: number;
}

export type FilterResult =
  { ok: true; filter: JournalFilter } | { ok: false; param: string; message: string };

const FILTER_NAMES = ['path', 'status', 'model', 'limit'] as const;

/**
 * Reads a filter from query parameters (`?path=`, `?status=404|4xx`, `?model=`, `?limit=`), each given at
 * most once; anything else is a failure naming the parameter, never silently ignored.
 */
export function parseJournalFilter(query: Readonly<Record<string, unknown>>): FilterResult {
  const filter: JournalFilter = {};
  for (const [name, raw] of Object.entries(query)) {
    if (!(FILTER_NAMES as readonly string[]).includes(name)) {
      return fail(name, `Unknown filter: '${name}'. The filters are ${FILTER_NAMES.join(', ')}.`);
    }
    if (typeof raw !== 'string') return fail(name, `The filter '${name}' takes one value.`);
    if (name === 'path') filter.path = raw;
    else if (name === 'model') filter.model = raw;
    else if (name === 'status') {
      const status = parseStatus(raw);
      if (!status)
        return fail(name, `Invalid status: '${raw}'. Expected a status such as 404, or 4xx or 5xx.`);
      filter.status = status;
    } else {
      if (!/^\d{1,9}$/.test(raw))
        return fail(name, `Invalid limit: '${raw}'. Expected a whole number, 0 or more.`);
      filter.limit = Number(raw);
    }
  }
  return { ok: true, filter };
}

function parseStatus(text: string): JournalFilter['status'] {
  if (/^[1-5]xx$/i.test(text)) {
    const min = Number(text[0]) * 100;
    return { min, max: min + 99 };
  }
  if (/^[1-5]\d\d$/.test(text)) return { min: Number(text), max: Number(text) };
  return undefined;
}

function fail(param: string, message: string): FilterResult {
  return { ok: false, param, message };
}

/** Whether one entry meets every criterion of the filter but `limit`, which applies to the whole list. */
export function matchesFilter(entry: JournalEntry, filter: JournalFilter): boolean {
  if (filter.path !== undefined && entry.path !== filter.path) return false;
  if (filter.status && (entry.status < filter.status.min || entry.status > filter.status.max)) return false;
  if (filter.model !== undefined && entry.request.body?.model !== filter.model) return false;
  return true;
}
