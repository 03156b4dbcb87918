import { parseArgs } from 'node:util';
import type { LogFormat } from './http/request-log.js';
import { SERVER_DEFAULTS } from './http/server-defaults.js';

/** A misused command line: one line to print, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ServeConfig {
  command: 'serve';
  port: number;
  host: string;
  apiKeys: string[];
  publicUrl?: string;
  specPath?: string;
  quiet: boolean;
  logFormat: LogFormat;
}

export type CliConfig = ServeConfig | { command: 'help' } | { command: 'version' };

/** Environment variables the CLI reads, after defaults and before flags. */
export const ENV = {
  port: 'PORT',
  host: 'HOST',
  apiKeys: 'IMAGEGEN_MOCK_API_KEYS',
} as const;

const OPTIONS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'api-key': { type: 'string', multiple: true },
  'public-url': { type: 'string' },
  spec: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'log-format': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Resolves the command line once: defaults, then environment, then flags. Throws UsageError. */
export function resolveCliConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliConfig {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(firstLine((error as Error).message));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command = 'serve', ...extra] = positionals;
  if (command !== 'serve') throw new UsageError(`unknown command '${command}'`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);

  const envKeys = (env[ENV.apiKeys] ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  const publicUrl = values['public-url'];
  if (publicUrl !== undefined && !/^https?:\/\/[^/]/.test(publicUrl)) {
    throw new UsageError(`--public-url must be an http(s) URL, got '${publicUrl}'`);
  }
  const logFormat = values['log-format'] ?? 'text';
  if (logFormat !== 'text' && logFormat !== 'json') {
    throw new UsageError(`--log-format must be 'text' or 'json', got '${logFormat}'`);
  }
  if (values['api-key']?.some((key) => key.trim() === ''))
    throw new UsageError('--api-key needs a non-empty key');
  const host = values.host ?? nonEmpty(env[ENV.host]) ?? SERVER_DEFAULTS.host;
  return {
    command: 'serve',
    port: parsePort(
      values.port ?? nonEmpty(env[ENV.port]) ?? String(SERVER_DEFAULTS.port),
      values.port ? '--port' : ENV.port,
    ),
    host,
    apiKeys: values['api-key'] ?? envKeys,
    ...(publicUrl !== undefined ? { publicUrl } : {}),
    ...(values.spec !== undefined ? { specPath: values.spec } : {}),
    quiet: values.quiet ?? false,
    logFormat,
  };
}

function parsePort(text: string, source: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new UsageError(`${source} must be a port number 0-65535, got '${text}'`);
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\. To specify a positional argument.*$/, '');
}

export const HELP = `imagegen-mock: a local OpenAI-compatible image generation API with real, deterministic PNGs

Usage:
  imagegen-mock [serve] [options]

Options:
  -p, --port <n>          port to listen on (default 4010, env PORT; 0 picks a free port)
      --host <addr>       address to bind (default 127.0.0.1, env HOST)
      --api-key <key>     accept only this key; repeat for more
                          (env IMAGEGEN_MOCK_API_KEYS=k1,k2; default: any non-empty Bearer token)
      --public-url <url>  base of image URLs when behind a proxy (default: from the Host header)
      --spec <file>       OpenAPI file to serve (default: the bundled openapi.yaml)
  -q, --quiet             no per-request log lines
      --log-format <f>    text (default) or json, one line per request
  -h, --help              show this help
  -v, --version           print the version

Endpoints:
  POST /v1/images/generations   the API (see openapi.yaml)
  GET  /v1/images/files/<id>.png images returned as URLs
  GET  /health                  readiness check: 200 {"status":"ok"}
`;
