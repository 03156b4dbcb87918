/**
 * The provider cannot be reached at all (DNS, refused connection, TLS): no check can say anything, so the
 * run stops and the CLI exits 2. `cause` is fetch's error; `url` the request that failed.
 */
export class ContractConnectionError extends Error {
  override readonly name = 'ContractConnectionError';
  readonly url: string;

  constructor(url: string, message: string, options?: { cause?: unknown }) {
    super(`cannot reach ${new URL(url).origin}: ${message}`, options);
    this.url = url;
  }
}

/** Error codes of a connection that never happened, as opposed to one that broke mid-answer. */
const UNREACHABLE = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** The error code deep in fetch's `cause` chain, e.g. `ECONNREFUSED`, if any. */
export function networkErrorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    current = cause;
  }
  return undefined;
}

/** Whether a fetch failure means the host was never reached. */
export function isUnreachable(error: unknown): boolean {
  const code = networkErrorCode(error);
  return (
    code !== undefined && (UNREACHABLE.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))
  );
}
