import { errors, type ApiError } from '../errors.js';

/** Where a fault directive was written: the `Prefer` header, a `__name` query parameter or a prompt marker. */
export type DirectiveSource = 'header' | 'query' | 'prompt';

/**
 * The mock's own 400 for a fault directive it cannot follow, so that the client learns why its fault did
 * not happen. The message quotes the directive as it was written and says what is accepted; `param` is the
 * query parameter or `prompt`, and null for the header (headers are not parameters in the API's terms).
 *
 * @example
 * invalidDirective('query', 'delay', 'soon', 'expected a whole number of milliseconds from 0 to 600000');
 * // 400 "Invalid mock directive __delay=soon: expected a whole number of milliseconds from 0 to 600000."
 */
export function invalidDirective(
  source: DirectiveSource,
  name: string,
  value: string,
  expected: string,
): ApiError {
  const param = source === 'header' ? null : source === 'query' ? `__${name}` : 'prompt';
  return errors.invalidMockDirective(quoteDirective(source, name, value), param, expected);
}

/** The directive as the client wrote it: `Prefer: delay=x`, `__delay=x` or `[mock:delay=x]`. */
export function quoteDirective(source: DirectiveSource, name: string, value: string): string {
  switch (source) {
    case 'header':
      return `Prefer: ${name}=${value}`;
    case 'query':
      return `__${name}=${value}`;
    case 'prompt':
      return `[mock:${name}=${value}]`;
  }
}
