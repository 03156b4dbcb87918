import { type ApiError, joinQuoted } from '../errors.js';
import { findClosestName } from './find-closest-name.js';
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

/**
 * The preferences RFC 7240 defines. A client or a proxy may send them for reasons of its own; RFC 7240
 * (section 2) lets a server ignore a preference it does not act on, and this one acts on none of them.
 */
export const IGNORED_PREFERENCES = ['return', 'respond-async', 'wait', 'handling'] as const;

/** Prism's own directives: they pick or generate an example, and this server draws its answers instead. */
const PRISM_DIRECTIVES = ['example', 'dynamic'];

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
  /** The parsed query string; only the parameters whose names start with `__` are directives. */
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
 * wins over `code` (it is the more precise), and the first instance of a name wins (RFC 7240). A name no
 * source knows is a typo until shown otherwise: in the header (apart from the standard RFC 7240 preferences,
 * which are ignored), in a `__` query parameter (other query parameters are not directives) and in a
 * marker, it is an error with a hint at the name it was probably meant to be; Prism's `example` and
 * `dynamic` get a word on what to use instead. Every value of every source is checked, even one a higher
 * source overrides, and the first bad one is a 400 ApiError `invalid_mock_directive` naming it and what is
 * allowed.
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
    } else if (source !== 'header' || !(IGNORED_PREFERENCES as readonly string[]).includes(name)) {
      return { ok: false, error: unknownDirective(source, name, value) };
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
  for (const [key, raw] of Object.entries(query)) {
    if (!key.startsWith('__')) continue;
    const name = key.slice(2);
    const value: unknown = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    if (typeof value !== 'string') return invalidDirective('query', name, '...', 'expected a single value');
    directives.push({ name, value: value.trim() });
  }
  return directives;
}

/**
 * The 400 for a name that is not a directive: Prism's own names are told what they would mean here, and any
 * other name is told the names there are, with the one it was probably meant to be. Names are quoted as the
 * source writes them (`__scenario` in the query).
 */
function unknownDirective(source: DirectiveSource, name: string, value: string): ApiError {
  const spell = (directive: string): string => (source === 'query' ? `__${directive}` : directive);
  if (PRISM_DIRECTIVES.includes(name)) {
    return invalidDirective(
      source,
      name,
      value,
      `Prism's ${joinQuoted(PRISM_DIRECTIVES.map(spell), 'and')} mean nothing here: images are drawn from ` +
        `the request, not picked from examples; ask for a failure with ${spell('scenario')}=<name> ` +
        `or ${spell('code')}=<status> instead`,
    );
  }
  const names = DIRECTIVE_NAMES.map(spell);
  const closest = findClosestName(name, DIRECTIVE_NAMES);
  const expected = `${joinQuoted(names, 'or')}${source === 'prompt' ? ', as name=value' : ''}`;
  const ignored =
    source === 'header'
      ? `; the standard preferences ${joinQuoted(IGNORED_PREFERENCES, 'and')} are ignored`
      : '';
  return invalidDirective(
    source,
    name,
    value,
    closest !== undefined
      ? `did you mean '${spell(closest)}'? Expected ${expected}`
      : `expected ${expected}${ignored}`,
  );
}

function fail(source: DirectiveSource, name: string, value: string, expected: string): DirectivesResult {
  return { ok: false, error: invalidDirective(source, name, value, expected) };
}
