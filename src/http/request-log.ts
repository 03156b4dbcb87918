import type { ApiError } from '../errors.js';
import type { LogFormat } from '../options.js';

export type { LogFormat };

/** One line per request: what a person reading the console, or a log pipeline, needs. */
export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
  error?: { type: string; code: string | null; param: string | null; message: string };
}

export function toLogEntry(
  fields: Omit<RequestLogEntry, 'error'>,
  error: ApiError | undefined,
): RequestLogEntry {
  if (!error) return fields;
  return {
    ...fields,
    error: { type: error.type, code: error.code, param: error.param, message: error.message },
  };
}

const MAX_PATH = 72;
const MAX_MESSAGE = 160;

/** `12:00:01.250 POST /v1/images/generations 400 3ms req_…  invalid_value size: Invalid value: '5x5'. …` */
export function formatLogEntry(entry: RequestLogEntry, format: LogFormat): string {
  if (format === 'json') return JSON.stringify(entry);
  const path = entry.path.length > MAX_PATH ? `${entry.path.slice(0, MAX_PATH - 1)}…` : entry.path;
  const parts = [
    entry.time.slice(11, 23),
    entry.method,
    path,
    String(entry.status),
    `${entry.durationMs.toFixed(entry.durationMs < 10 ? 1 : 0)}ms`,
    entry.requestId,
  ];
  if (entry.error) {
    const { code, param, message } = entry.error;
    const short = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
    parts.push(` ${code ?? entry.error.type}${param ? ` ${param}` : ''}: ${short}`);
  }
  return parts.join(' ');
}
