/**
 * The `x-ratelimit-*-requests` headers the real API sends on its text endpoints. Image generation is known
 * to omit them (reference section 3, openai-php/client#288), so a server sends them only when asked to.
 */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Time until the limit is back to `limit` remaining. */
  resetMs: number;
}

/** The names of the headers `rateLimitHeaders` gives. */
export const RATE_LIMIT_HEADER_NAMES = [
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
] as const;

/**
 * @example
 * rateLimitHeaders({ limit: 15, remaining: 14, resetMs: 90_000 });
 * // { 'x-ratelimit-limit-requests': '15', 'x-ratelimit-remaining-requests': '14',
 * //   'x-ratelimit-reset-requests': '1m30s' }
 */
export function rateLimitHeaders(
  state: RateLimitState,
): Record<(typeof RATE_LIMIT_HEADER_NAMES)[number], string> {
  return {
    'x-ratelimit-limit-requests': String(state.limit),
    'x-ratelimit-remaining-requests': String(Math.max(0, state.remaining)),
    'x-ratelimit-reset-requests': formatResetDuration(state.resetMs),
  };
}

/**
 * A duration as the real API writes `x-ratelimit-reset-*` (Go's duration format at millisecond
 * precision): `12ms`, `1s`, `8.64s`, `1m30s`, `6m0s`, `1h0m0s`, `0s`.
 */
export function formatResetDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  if (total === 0) return '0s';
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const millis = total % 60_000;
  const seconds = `${Math.floor(millis / 1000)}${fraction(millis % 1000)}s`;
  if (hours > 0) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0) return `${minutes}m${seconds}`;
  return seconds;
}

/** 640 -> `.64`, 5 -> `.005`, 0 -> ``. */
function fraction(millis: number): string {
  return millis === 0 ? '' : `.${String(millis).padStart(3, '0').replace(/0+$/, '')}`;
}
