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

/**
 * The provider refused the run's credentials: a 401 or 403 to a request that carried the configured key,
 * or that carried none because none was given. Every check would then judge the refusal, not the request,
 * so the run stops and the CLI exits 2. `detail` is the provider's answer, as `401: <message>`.
 */
export class ContractCredentialsError extends Error {
  override readonly name = 'ContractCredentialsError';
  readonly url: string;
  readonly status: number;
  /** Whether a key was given: false means the provider demands one. */
  readonly keyGiven: boolean;

  constructor(url: string, status: number, detail: string, keyGiven: boolean) {
    const origin = new URL(url).origin;
    super(
      keyGiven
        ? `${origin} refused the API key (${detail})`
        : `${origin} demands an API key and none was given (${detail})`,
    );
    this.url = url;
    this.status = status;
    this.keyGiven = keyGiven;
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
