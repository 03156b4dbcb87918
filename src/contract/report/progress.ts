import type { ContractEvent, PlannedRequest } from '../engine/types.js';
import { formatSeconds, oneLine, paintStatus, statusLabel } from './console.js';
import { NO_COLOR, type Palette } from './color.js';

export interface ProgressOptions {
  write: (line: string) => void;
  palette?: Palette;
  /** A line per request still waiting, this often. Default 15 s. */
  heartbeatMs?: number;
  /** Finished requests slower than this get a line of their own. Default 5 s. */
  slowMs?: number;
  now?: () => number;
}

export interface Progress {
  onEvent: (event: ContractEvent) => void;
  /** Stops the heartbeat; call once the run has ended, however it ended. */
  stop: () => void;
}

/**
 * Progress as it happens, one line per event worth seeing, each prefixed with the time since the run began:
 * every check's start and result, retries, slow answers, and every `heartbeatMs` a line for each request
 * still waiting, so a run against a real provider (minutes per image) never looks hung.
 */
export function createProgress(options: ProgressOptions): Progress {
  const { write, palette = NO_COLOR, heartbeatMs = 15_000, slowMs = 5_000, now = Date.now } = options;
  const startedAt = now();
  const inFlight = new Map<PlannedRequest, number>();
  const line = (text: string): void =>
    write(`${palette.dim(`[${formatSeconds(now() - startedAt).padStart(7)}]`)} ${text}`);

  const timer = setInterval(() => {
    for (const [request, since] of inFlight) {
      const waited = now() - since;
      if (waited >= heartbeatMs)
        line(`still waiting after ${formatSeconds(waited)}: ${describeRequest(request)}`);
    }
  }, heartbeatMs);
  timer.unref();

  return {
    onEvent(event) {
      switch (event.type) {
        case 'check-start':
          line(`start ${event.check.id}`);
          return;
        case 'check-end': {
          const { result } = event;
          const label = paintStatus(result.status, statusLabel(result.status), palette);
          line(
            `${label}  ${result.id} (${formatSeconds(result.durationMs)}) ${oneLine(result.reason)}`.trimEnd(),
          );
          return;
        }
        case 'request-start':
          inFlight.set(event.request, now());
          return;
        case 'request-end':
          inFlight.delete(event.request);
          if (event.durationMs >= slowMs) {
            line(
              `${event.status} after ${formatSeconds(event.durationMs)}: ${describeRequest(event.request)}`,
            );
          }
          return;
        case 'retry':
          line(
            `429, retry ${event.attempt} in ${formatSeconds(event.waitMs)}: ${describeRequest(event.request)}`,
          );
          return;
      }
    },
    stop() {
      clearInterval(timer);
      inFlight.clear();
    },
  };
}

/** `POST /v1/images/generations n=2 size=256x256`: enough to tell the requests of a plan apart. */
export function describeRequest(request: PlannedRequest): string {
  let path = request.url;
  try {
    const url = new URL(request.url);
    path = `${url.pathname}${url.search}`;
  } catch {
    // keep the raw URL
  }
  const fields = request.form
    ? request.form
        .map((field) =>
          'value' in field ? `${field.name}=${field.value}` : `${field.name}=@${field.filename}`,
        )
        .filter((field) => !field.startsWith('prompt='))
    : summarizeBody(request.body);
  return [`${request.method} ${path}`, ...fields].join(' ');
}

function summarizeBody(body: string | undefined): string[] {
  if (body === undefined || body === '') return [];
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return [];
    return Object.entries(parsed as Record<string, unknown>)
      .filter(([key, value]) => key !== 'prompt' && ['string', 'number', 'boolean'].includes(typeof value))
      .map(([key, value]) => `${key}=${String(value)}`);
  } catch {
    return [];
  }
}

export interface HeldOutput {
  write: (line: string) => void;
  /** Writes what is held and everything after it straight through. */
  release: () => void;
  /** Drops what is held and everything after it. */
  discard: () => void;
  /** Starts the hold's clock, when it was created with `clock: 'on-start'` (later calls do nothing). */
  start: () => void;
}

/**
 * Holds lines until `release()` or until `holdMs` has passed, so that a provider that cannot be reached at
 * all (which fails within milliseconds) costs one line of output, not the beginnings of a progress log.
 * The clock runs from the call, or with `clock: 'on-start'` from `start()` (the first request, so that
 * the time spent planning on a busy machine does not use up the hold).
 */
export function holdLines(
  write: (line: string) => void,
  holdMs: number,
  { clock = 'now' }: { clock?: 'now' | 'on-start' } = {},
): HeldOutput {
  let held: string[] | undefined = [];
  let discarded = false;
  let timer: NodeJS.Timeout | undefined;
  const release = (): void => {
    clearTimeout(timer);
    if (held === undefined || discarded) return;
    for (const line of held) write(line);
    held = undefined;
  };
  const start = (): void => {
    if (timer !== undefined) return;
    timer = setTimeout(release, holdMs);
    timer.unref();
  };
  if (clock === 'now') start();
  return {
    start,
    write(line) {
      if (discarded) return;
      if (held === undefined) write(line);
      else held.push(line);
    },
    release,
    discard() {
      clearTimeout(timer);
      discarded = true;
      held = undefined;
    },
  };
}
