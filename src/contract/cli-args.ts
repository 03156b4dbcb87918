import { nonEmpty, parseFlags, UsageError } from '../config.js';
import type { ContractOptions, ProviderKind, ProviderOptions } from './engine/types.js';

/** The model tested when `--model` is not given: the cheapest current one (about $0.005 an image). */
export const DEFAULT_CONTRACT_MODEL = 'gpt-image-1-mini';

/** What `imagegen-mock contract ...` asks for, resolved from defaults, then environment, then flags. */
export type ContractCommand =
  | { command: 'help' }
  | { command: 'list'; noColor: boolean }
  | {
      command: 'run';
      options: ContractOptions;
      dryRun: boolean;
      junitPath?: string;
      jsonPath?: string;
      htmlPath?: string;
      noColor: boolean;
    };

const OPTIONS = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  model: { type: 'string' },
  provider: { type: 'string' },
  deployment: { type: 'string' },
  'api-version': { type: 'string' },
  path: { type: 'string' },
  'auth-header': { type: 'string' },
  'auth-scheme': { type: 'string' },
  'max-images': { type: 'string' },
  timeout: { type: 'string' },
  concurrency: { type: 'string' },
  'dry-run': { type: 'boolean' },
  junit: { type: 'string' },
  json: { type: 'string' },
  html: { type: 'string' },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  'expect-deterministic': { type: 'boolean' },
  list: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const PROVIDERS: readonly ProviderKind[] = ['openai', 'azure', 'generic'];

/**
 * Resolves the contract command line (the arguments after `contract`). Throws UsageError with one line.
 * Environment: `OPENAI_BASE_URL` and `OPENAI_API_KEY`; with `--provider azure`, `AZURE_OPENAI_ENDPOINT`,
 * `AZURE_OPENAI_API_KEY` and `OPENAI_API_VERSION` instead, the names the official SDKs read.
 */
export function parseContractArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): ContractCommand {
  const { values, positionals } = parseFlags(argv, OPTIONS);
  if (values.help) return { command: 'help' };
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const noColor = values['no-color'] ?? false;
  if (values.list) return { command: 'list', noColor };

  const kind = values.provider ?? 'openai';
  if (!isProvider(kind)) {
    throw new UsageError(`--provider must be one of ${PROVIDERS.join(', ')}, got '${kind}'`);
  }
  const azure = kind === 'azure';
  const baseUrl = checkBaseUrl(
    values['base-url'] ?? nonEmpty(azure ? env.AZURE_OPENAI_ENDPOINT : env.OPENAI_BASE_URL),
    kind,
  );
  const apiKey = values['api-key'] ?? nonEmpty(azure ? env.AZURE_OPENAI_API_KEY : env.OPENAI_API_KEY);
  const apiVersion = values['api-version'] ?? (azure ? nonEmpty(env.OPENAI_API_VERSION) : undefined);
  const model = values.model ?? DEFAULT_CONTRACT_MODEL;
  if (model.trim() === '') throw new UsageError('--model needs a model name');

  for (const flag of ['deployment', 'api-version'] as const) {
    if (values[flag] !== undefined && !azure)
      throw new UsageError(`--${flag} applies to --provider azure only`);
  }
  for (const flag of ['path', 'auth-header', 'auth-scheme'] as const) {
    if (values[flag] !== undefined && kind !== 'generic') {
      throw new UsageError(`--${flag} applies to --provider generic only`);
    }
  }
  const path = values.path;
  if (path !== undefined && !path.startsWith('/')) {
    throw new UsageError(`--path must start with '/', e.g. '/images/generations', got '${path}'`);
  }
  const authHeader = values['auth-header'];
  if (authHeader !== undefined && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(authHeader)) {
    throw new UsageError(`--auth-header must be a header name, got '${authHeader}'`);
  }
  if (apiKey !== undefined && apiKey.trim() === '') throw new UsageError('--api-key needs a non-empty key');

  const provider: ProviderOptions = {
    kind,
    baseUrl,
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(values.deployment !== undefined ? { deployment: values.deployment } : {}),
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    ...(path !== undefined ? { pathTemplate: path } : {}),
    ...(authHeader !== undefined ? { authHeader } : {}),
    ...(values['auth-scheme'] !== undefined ? { authScheme: values['auth-scheme'] } : {}),
  };
  const maxImages = optionalInteger(values['max-images'], '--max-images', 0);
  const concurrency = optionalInteger(values.concurrency, '--concurrency', 1);
  const timeoutSeconds = optionalSeconds(values.timeout, '--timeout');
  const options: ContractOptions = {
    provider,
    model,
    ...(maxImages !== undefined ? { maxImages } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(timeoutSeconds !== undefined ? { timeoutMs: Math.round(timeoutSeconds * 1000) } : {}),
    ...(values.only !== undefined ? { only: values.only } : {}),
    ...(values.skip !== undefined ? { skip: values.skip } : {}),
    ...(values['expect-deterministic'] ? { expectDeterministic: true } : {}),
  };
  return {
    command: 'run',
    options,
    dryRun: values['dry-run'] ?? false,
    ...(values.junit !== undefined ? { junitPath: nonEmptyPath(values.junit, '--junit') } : {}),
    ...(values.json !== undefined ? { jsonPath: nonEmptyPath(values.json, '--json') } : {}),
    ...(values.html !== undefined ? { htmlPath: nonEmptyPath(values.html, '--html') } : {}),
    noColor,
  };
}

function checkBaseUrl(raw: string | undefined, kind: ProviderKind): string {
  const azure = kind === 'azure';
  if (raw === undefined) {
    const env = azure ? 'AZURE_OPENAI_ENDPOINT' : 'OPENAI_BASE_URL';
    const example = azure ? 'https://<resource>.openai.azure.com' : 'https://api.openai.com/v1';
    throw new UsageError(`--base-url is required (or ${env}), e.g. --base-url ${example}`);
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--base-url must be an http(s) URL, got '${raw}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--base-url must be an http(s) URL, got '${raw}'`);
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError(`--base-url must not carry a query or fragment, got '${raw}'`);
  }
  const trimmed = raw.replace(/\/+$/, '');
  if (azure || trimmed.endsWith('/v1')) return trimmed;
  const v1 = trimmed.indexOf('/v1/');
  const hint = v1 >= 0 ? trimmed.slice(0, v1 + 3) : `${trimmed}/v1`;
  throw new UsageError(
    `--base-url must end in /v1 for --provider ${kind}, got '${raw}'; did you mean '${hint}'?`,
  );
}

function optionalInteger(text: string | undefined, flag: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || !Number.isSafeInteger(value)) {
    throw new UsageError(`${flag} must be an integer >= ${min}, got '${text}'`);
  }
  return value;
}

function optionalSeconds(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || value <= 0) {
    throw new UsageError(`${flag} must be a number of seconds above 0, got '${text}'`);
  }
  return value;
}

function nonEmptyPath(path: string, flag: string): string {
  if (path.trim() === '') throw new UsageError(`${flag} needs a file path`);
  return path;
}

function isProvider(kind: string): kind is ProviderKind {
  return (PROVIDERS as readonly string[]).includes(kind);
}
