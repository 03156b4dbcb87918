/**
 * Why a string is not plain RFC 4648 base64 (standard alphabet, `=` padding, no line breaks, no `data:`
 * prefix, canonical so that it re-encodes to itself), or undefined when it is.
 */
export function base64Problem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (/^data:/i.test(value))
    return `starts with a data URI prefix (${JSON.stringify(value.slice(0, 24))}...)`;
  const space = /\s/.exec(value);
  if (space)
    return `holds ${space[0] === '\n' || space[0] === '\r' ? 'a line break' : 'whitespace'} at ${space.index}`;
  if (/[-_]/.test(value) && !/[+/]/.test(value)) return 'uses the base64url alphabet (- and _), not base64';
  const bad = /[^A-Za-z0-9+/=]/.exec(value);
  if (bad) return `holds ${JSON.stringify(bad[0])} at ${bad.index}, outside the base64 alphabet`;
  if (value.length % 4 !== 0)
    return `is ${value.length} characters long, not a multiple of 4 (padding missing?)`;
  if (/=[^=]/.test(value) || /={3,}$/.test(value)) return 'has = padding in the middle or more than two';
  if (Buffer.from(value, 'base64').toString('base64') !== value)
    return 'is not canonical (non-zero padding bits)';
  return undefined;
}
