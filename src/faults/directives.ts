import { type ApiError, joinQuoted } from '../errors.js';
import { type DirectiveSource, invalidDirective } from './invalid-directive.js';
import { parsePreferHeader } from './prefer-header.js';
import { findPromptMarkers } from './prompt-markers.js';
import {
  CODE_EXPECTATION,
  SCENARIO_NAMES,
  type ScenarioName,
  isScenarioName,
  scenarioForStatus,
} from './scenarios.js';

/** The longest `delay` a client may ask for: 10 minutes, the SDKs' default timeout. */
export const MAX_DELAY_MS = 600_000;

/** The directives every source understands: `code=N`, `scenario=name`, `delay=ms`. */
export const DIRECTIVE_NAMES = ['code', 'scenario', 'delay'] as const;

/** What a request asked of the mock. */
export interface FaultDirectives {
  /** The failure to answer with; `'none'` when `code=200` or `scenario=none` asked for the normal answer. */
  scenario?: ScenarioName | 'none';
  /** How long to wait before answering (or failing), in milliseconds. */
  delayMs?: number;
}

export interface DirectiveSources {
  /** The `Prefer` header as received (several lines are one list). */
  prefer?: string | readonly string[] | undefined;
  /** The parsed query string; only `__code`, `__scenario` and `__delay` are read. */
  query?: Readonly<Record<string, unknown>> | undefined;
  /** The request's prompt, scanned for `[mock:...]` markers; leave it out to turn markers off. */
  prompt?: unknown;
}

export type DirectivesResult = { ok: true; directives: FaultDirectives } | { ok: false; error: ApiError };

type Raw = { name: string; value: string };

/**
 * Reads the fault directives of a request from its three sources and merges them. Each directive (the
 * failure, the delay) comes from the first source that sets it: the `Prefer` header, then the query
 * (`__code`, `__scenario`, `__delay`, Prism's twins), then prompt markers. Within one source `scenario`
 * wins over `code` (it is the more precise), and the first instance of a name wins (RFC 7240). Unknown
 * preferences and query parameters are ignored; an unknown name inside a `[mock:...]` marker is an error
 * (the marker is ours, so it is a typo). Every value of every source is checked, even one a higher source
 * overrides, and the first bad one is a 400 ApiError `invalid_mock_directive` naming it and what is allowed.
 *
 * @example
 * resolveDirectives({ prefer: 'code=429', query: { __delay: '250' }, prompt: 'a fox [mock:code=500]' });
 * // { ok: true, directives: { scenario: 'rate_limit', delayMs: 250 } }
 */
export function resolveDirectives(sources: DirectiveSources): DirectivesResult {
  const raw: [DirectiveSource, Raw[] | ApiError][] = [
    ['header', [...parsePreferHeader(sources.prefer)].map(([name, value]) => ({ name, value }))],
    ['query', fromQuery(sources.query ?? {})],
    ['prompt', typeof sources.prompt === 'string' ? findPromptMarkers(sources.prompt) : []],
  ];
  let scenario: FaultDirectives['scenario'];
  let delayMs: number | undefined;
  for (const [source, directives] of raw) {
    if (!Array.isArray(directives)) return { ok: false, error: directives };
    const parsed = parseSource(source, directives);
    if (!parsed.ok) return parsed;
    scenario ??= parsed.directives.scenario;
    delayMs ??= parsed.directives.delayMs;
  }
  return { ok: true, directives: directivesOf(scenario, delayMs) };
}

function parseSource(source: DirectiveSource, directives: readonly Raw[]): DirectivesResult {
  let code: ScenarioName | 'none' | undefined;
  let scenario: ScenarioName | 'none' | undefined;
  let delayMs: number | undefined;
  const seen = new Set<string>();
  for (const { name, value } of directives) {
    if (seen.has(name)) continue;
    seen.add(name);
    if (name === 'code') {
      if (!/^\d{3}$/.test(value)) return fail(source, name, value, CODE_EXPECTATION);
      const status = scenarioForStatus(Number(value), source);
      if (!status.ok) return status;
      code = status.scenario ?? 'none';
    } else if (name === 'scenario') {
      const normal = value.toLowerCase();
      if (normal !== 'none' && !isScenarioName(normal)) {
        return fail(source, name, value, `expected one of ${joinQuoted([...SCENARIO_NAMES, 'none'], 'or')}`);
      }
      scenario = normal;
    } else if (name === 'delay') {
      if (!/^\d+$/.test(value) || Number(value) > MAX_DELAY_MS) {
        return fail(source, name, value, `expected a whole number of milliseconds from 0 to ${MAX_DELAY_MS}`);
      }
      delayMs = Number(value);
    } else if (source === 'prompt') {
      return fail(source, name, value, `expected ${joinQuoted(DIRECTIVE_NAMES, 'or')}, as name=value`);
    }
  }
  return { ok: true, directives: directivesOf(scenario ?? code, delayMs) };
}

/** Only the keys that are set, so that `{}` means "nothing asked". */
function directivesOf(scenario: FaultDirectives['scenario'], delayMs: number | undefined): FaultDirectives {
  return { ...(scenario !== undefined && { scenario }), ...(delayMs !== undefined && { delayMs }) };
}

function fromQuery(query: Readonly<Record<string, unknown>>): Raw[] | ApiError {
  const directives: Raw[] = [];
  for (const name of DIRECTIVE_NAMES) {
    const raw = query[`__${name}`];
    const value: unknown = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    if (typeof value !== 'string') return invalidDirective('query', name, '...', 'expected a single value');
    directives.push({ name, value: value.trim() });
  }
  return directives;
}

function fail(source: DirectiveSource, name: string, value: string, expected: string): DirectivesResult {
  return { ok: false, error: invalidDirective(source, name, value, expected) };
}
