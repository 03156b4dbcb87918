/**
 * Fault directives written into the prompt, for clients that cannot set headers or query parameters (a
 * browser app behind an SDK, a no-code tool): `[mock:scenario=moderation]`, `[mock:code=429]`,
 * `[mock:delay=1500]`, anywhere in the prompt. Several markers are allowed, and one marker may hold several
 * directives separated by commas: `[mock:code=500, delay=100]`. `mock` and the names are case-insensitive,
 * spaces around names and values are ignored. Text that merely looks similar (`[mock]`, `[mockup:x]`) is
 * not a marker.
 */

const MARKER = /\[mock:([^\]]*)\]/gi;
const ANY_MARKER = /\[mock:[^\]]*\]/i;
const MARKER_WITH_SPACE = /[ \t]*\[mock:[^\]]*\]/gi;

/** One `name=value` of a marker; `name` lower-cased. A directive without `=` has the value ''. */
export interface PromptDirective {
  name: string;
  value: string;
}

/**
 * Every directive of every marker, in the order written.
 *
 * @example
 * findPromptMarkers('a fox [mock:code=429] [mock:Delay = 1500]');
 * // [{ name: 'code', value: '429' }, { name: 'delay', value: '1500' }]
 */
export function findPromptMarkers(prompt: string): PromptDirective[] {
  const directives: PromptDirective[] = [];
  for (const match of prompt.matchAll(MARKER)) {
    for (const part of (match[1] ?? '').split(',')) {
      if (part.trim() === '') continue;
      const equals = part.indexOf('=');
      directives.push({
        name: (equals < 0 ? part : part.slice(0, equals)).trim().toLowerCase(),
        value: equals < 0 ? '' : part.slice(equals + 1).trim(),
      });
    }
  }
  return directives;
}

/**
 * The prompt without its markers (and the spaces before each), so that what is drawn, revised or echoed
 * does not depend on the faults asked for. A prompt without markers is returned unchanged.
 *
 * @example
 * stripPromptMarkers('a fox [mock:delay=1500] in snow'); // 'a fox in snow'
 */
export function stripPromptMarkers(prompt: string): string {
  if (!hasPromptMarker(prompt)) return prompt;
  return prompt.replace(MARKER_WITH_SPACE, '').trim();
}

export function hasPromptMarker(prompt: string): boolean {
  return ANY_MARKER.test(prompt);
}
