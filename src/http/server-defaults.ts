/** Where the server listens unless told otherwise. Kept apart so the CLI can read it without loading the server. */
export const SERVER_DEFAULTS = { port: 4010, host: '127.0.0.1', shutdownTimeoutMs: 10_000 } as const;
