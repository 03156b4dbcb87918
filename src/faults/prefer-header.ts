/**
 * RFC 7240 `Prefer` header values: `Prefer: code=429, delay="250"; foo=bar, respond-async`.
 *
 *   Prefer     = 1#preference
 *   preference = token [ BWS "=" BWS word ] *( OWS ";" [ OWS parameter ] )
 *   word       = token / quoted-string
 *
 * Names are case-insensitive (returned lower-cased); values keep their case, lose their quotes and their
 * backslash escapes; a preference without a value has the value ''. Parameters after `;` are dropped (none of
 * ours take any). As RFC 7240 section 2 says, only the first instance of a preference counts. Several
 * header lines are one list, as RFC 9110 section 5.3 says.
 *
 * @example
 * parsePreferHeader('Code=429, delay="250"; x=1, code=500'); // Map { 'code' => '429', 'delay' => '250' }
 */
export function parsePreferHeader(header: string | readonly string[] | undefined): Map<string, string> {
  const preferences = new Map<string, string>();
  if (header === undefined) return preferences;
  const text = typeof header === 'string' ? header : header.join(',');
  for (const element of splitOutsideQuotes(text, ',')) {
    const [preference = ''] = splitOutsideQuotes(element, ';');
    const equals = preference.indexOf('=');
    const name = (equals < 0 ? preference : preference.slice(0, equals)).trim().toLowerCase();
    if (name === '' || preferences.has(name)) continue;
    preferences.set(name, equals < 0 ? '' : unquote(preference.slice(equals + 1).trim()));
  }
  return preferences;
}

/** Splits on `separator` where it is not inside a quoted-string (which may hold escaped quotes). */
function splitOutsideQuotes(text: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '\\') i++;
    else if (char === '"') quoted = !quoted;
    else if (char === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `"a \"b\""` -> `a "b"`; a value that is not a whole quoted-string is returned as it is. */
function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  return value.slice(1, -1).replace(/\\(.)/g, '$1');
}
