import type { ErrorBody } from '../errors.js';
import { matchesFilter, type JournalFilter } from './journal-filter.js';

/** Which fault applied to a request: who asked for it, and the scenario it answered with. */
export interface JournalFault {
  /** `directive` (Prefer, `__` query twin, prompt marker), `limiter` (--rate-limit) or `chaos`. */
  source: 'directive' | 'limiter' | 'chaos';
  /** The scenario answered, e.g. `rate_limit` or `server_error`; absent for the limiter's own 429. */
  scenario?: string;
  /** The delay a `delay=` directive set, in milliseconds (a delay alone is recorded as a directive). */
  delayMs?: number;
}

/**
 * How a request ended: `answered` (the answer was complete), or without an answer: `reset` (the `reset`
 * scenario dropped the connection), `timeout` (the `timeout` scenario held it until the client left or the
 * hold ended), `client-closed` (the client hung up before the answer or the stream was complete).
 */
export type JournalOutcome = 'answered' | 'reset' | 'timeout' | 'client-closed';

/** One image of a successful generation, by reference: `url` re-renders it, so no bytes are kept. */
export interface JournalImage {
  format: string;
  size: string;
  /** An image URL of this server, or null when the image route cannot serve this model's images. */
  url: string | null;
}

/**
 * One file a request uploaded (an edit's `image`, `image[]` or `mask`, a variation's `image`), described, never
 * copied: the bytes stay in a bounded cache of the server's, which `url` serves while it holds them.
 */
export interface JournalFile {
  /** The form field (`image`, `image[]`, `mask`), or the JSON path (`images[0]`, `mask`) of a `data:` URL. */
  field: string;
  filename: string | null;
  /** The content type the part declared (a `data:` URL's media type). */
  contentType: string | null;
  bytes: number;
  /** Hex SHA-256 of the bytes, so a test can tell which file was sent. */
  sha256: string;
  /** The decoded size; null when the file is not an image this server can decode. */
  width: number | null;
  height: number | null;
  /** An admin URL that serves the uploaded bytes, or null (admin routes off, or not kept). */
  url: string | null;
}

/** One request the mock received, as it came in and as it was answered, or how it ended without an answer. */
export interface JournalEntry {
  /** The answer's `x-request-id`. */
  id: string;
  /** When the request ended (its answer complete, or its connection closed), ISO 8601. */
  time: string;
  method: string;
  /** The path, without the query string. */
  path: string;
  /** The answer's status; 0 when the request ended without a complete answer (see `outcome`). */
  status: number;
  outcome: JournalOutcome;
  durationMs: number;
  request: {
    /** The headers as received, the API key masked as the real API masks it. */
    headers: Record<string, string | string[]>;
    /** The parsed body: the JSON, or a form's text fields; null when there is none or it is neither. */
    body: Record<string, unknown> | null;
    /** The files a form or a JSON body's `data:` URLs uploaded; absent when there were none. */
    files?: JournalFile[];
  };
  /** The fault the policy applied, or null. */
  fault: JournalFault | null;
  response: {
    /** The status sent; 0 when no headers went out (a stream cut short keeps its 200 here). */
    status: number;
    /** The error envelope's `error`, for a failure. */
    error?: ErrorBody;
    /** One per image of a successful generation. */
    images?: JournalImage[];
  };
}

/** What changed in a journal: an entry was recorded, or the journal was emptied. */
export type JournalChange = { type: 'record'; entry: JournalEntry } | { type: 'clear' };

/** The last `capacity` requests, oldest first; a capacity of 0 records nothing. */
export interface Journal {
  readonly capacity: number;
  record(entry: JournalEntry): void;
  /** The entries, oldest first, that match the filter (all of them without one). */
  entries(filter?: JournalFilter): JournalEntry[];
  clear(): void;
  /**
   * Calls `listener` on every change from now on, synchronously, after the change is made (a recorded entry
   * is already listed); returns the function that stops the calls. A listener must not throw.
   */
  subscribe(listener: (change: JournalChange) => void): () => void;
}

/**
 * A ring buffer of entries: recording past the capacity drops the oldest, so the journal's memory is bounded
 * whatever the traffic.
 *
 * @example
 * const journal = createJournal(1000);
 * journal.record(entry);
 * journal.entries({ status: { min: 400, max: 499 } });
 */
export function createJournal(capacity: number): Journal {
  let ring: (JournalEntry | undefined)[] = [];
  let next = 0;
  const listeners = new Set<(change: JournalChange) => void>();
  const notify = (change: JournalChange): void => {
    for (const listener of [...listeners]) listener(change);
  };
  const ordered = (): JournalEntry[] =>
    [...ring.slice(next), ...ring.slice(0, next)].filter((entry) => entry !== undefined);
  return {
    capacity,
    record(entry) {
      if (capacity <= 0) return;
      if (ring.length < capacity) {
        ring.push(entry);
      } else {
        ring[next] = entry;
        next = (next + 1) % capacity;
      }
      notify({ type: 'record', entry });
    },
    entries(filter) {
      const all = ordered();
      if (!filter) return all;
      const matching = all.filter((entry) => matchesFilter(entry, filter));
      return filter.limit === undefined
        ? matching
        : matching.slice(Math.max(0, matching.length - filter.limit));
    },
    clear() {
      ring = [];
      next = 0;
      notify({ type: 'clear' });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
