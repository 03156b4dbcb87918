import type { Express, RequestHandler } from 'express';
import { errors } from '../errors.js';
import { matchesFilter, parseJournalFilter, type Journal, type JournalChange } from '../journal/index.js';
import { ADMIN_PREFIX } from './journal-routes.js';
import { sendError } from './respond.js';

/** The journal's live feed: server-sent events, for the inspector page. */
export const JOURNAL_EVENTS_PATH = `${ADMIN_PREFIX}events`;

/** How many entries a new stream starts with when its query sets no `limit`: the newest 200. */
export const EVENTS_SNAPSHOT_LIMIT = 200;

/** A comment line every so often keeps proxies and idle timers from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

/**
 * What a stream may hold unsent before it is dropped: a page that cannot keep up reconnects and starts again
 * from a snapshot, rather than the server buffering without bound for it.
 */
const MAX_UNSENT_BYTES = 1024 * 1024;

/** The open streams of one app, so that stopping the server can end them instead of waiting on them. */
const openStreams = new WeakMap<Express, Set<() => void>>();

/**
 * `GET /__imagegen/events` streams the journal as server-sent events, filtered as `GET /__imagegen/requests`
 * is (`?path=`, `?status=`, `?model=`; `?limit=` sizes the snapshot): first an `entries` event with
 * `{ "data": [entries, oldest first] }` (the newest 200 unless `limit` says otherwise), then an `entry` event
 * for each matching request recorded, and a `clear` event when the journal is emptied. A bad filter is the
 * 400 the journal route gives.
 */
export function addJournalEvents(app: Express, journal: Journal): void {
  const streams = new Set<() => void>();
  openStreams.set(app, streams);
  app.get(JOURNAL_EVENTS_PATH, streamJournal(journal, streams));
}

/**
 * Ends every open event stream of an app built by `createApp`, so that its server can close at once: a
 * stream never ends by itself.
 */
export function closeJournalEvents(app: Express): void {
  for (const close of [...(openStreams.get(app) ?? [])]) close();
}

function streamJournal(journal: Journal, streams: Set<() => void>): RequestHandler {
  return (req, res) => {
    const parsed = parseJournalFilter(req.query);
    if (!parsed.ok) return sendError(req, res, errors.invalidJournalFilter(parsed.param, parsed.message));
    const { limit = EVENTS_SNAPSHOT_LIMIT, ...filter } = parsed.filter;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    });
    if (req.method === 'HEAD') return void res.end();
    const send = (text: string): void => {
      if (res.writableLength > MAX_UNSENT_BYTES) res.destroy();
      else res.write(text);
    };
    const event = (name: string, data: unknown): void =>
      send(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);

    send('retry: 2000\n\n');
    event('entries', { data: journal.entries({ ...filter, limit }) });
    const unsubscribe = journal.subscribe((change: JournalChange) => {
      if (res.destroyed) return;
      if (change.type === 'clear') event('clear', {});
      else if (matchesFilter(change.entry, filter)) event('entry', change.entry);
    });
    const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    const close = (): void => {
      streams.delete(close);
      unsubscribe();
      clearInterval(keepAlive);
      if (!res.writableEnded) res.end();
    };
    streams.add(close);
    res.on('close', close);
  };
}
