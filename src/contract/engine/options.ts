import { ConfigError } from '../../errors.js';
import { DEFAULT_SPEC_PATH } from '../../openapi/load-spec.js';
import { CHECKS, matchesCheck } from '../checks/catalogue.js';
import type { ContractOptions, ProviderOptions } from './types.js';

/** The defaults of a contract run: cheap, patient with slow generation, polite to rate limits. */
export const CONTRACT_DEFAULTS = {
  maxImages: 6,
  timeoutMs: 300_000,
  errorTimeoutMs: 30_000,
  concurrency: 2,
  expectDeterministic: false,
  maxRetries: 3,
  maxRetryAfterMs: 60_000,
  specPath: DEFAULT_SPEC_PATH,
  only: [] as readonly string[],
  skip: [] as readonly string[],
} satisfies Partial<ContractOptions>;

export type ResolvedOptions = typeof CONTRACT_DEFAULTS &
  Omit<ContractOptions, keyof typeof CONTRACT_DEFAULTS | 'fetch'> & { fetch: typeof fetch };

const PROVIDER_KINDS = ['openai', 'azure', 'generic'] as const;

/** Defaults spread once, then every option checked: bad configuration is a ConfigError (a usage problem). */
export function resolveOptions(options: ContractOptions): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const resolved = {
    ...CONTRACT_DEFAULTS,
    ...defined,
    fetch: options.fetch ?? globalThis.fetch,
  } as ResolvedOptions;
  checkProvider(resolved.provider);
  if (typeof resolved.model !== 'string' || resolved.model.trim() === '') {
    throw new ConfigError('contract: a model is required (e.g. gpt-image-1)');
  }
  const counts = {
    maxImages: 0,
    maxRetries: 0,
    concurrency: 1,
    timeoutMs: 1,
    errorTimeoutMs: 1,
    maxRetryAfterMs: 0,
  };
  for (const [key, minimum] of Object.entries(counts) as [keyof typeof counts, number][]) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < minimum) {
      throw new ConfigError(`contract: ${key} must be an integer >= ${minimum}, not ${String(value)}`);
    }
  }
  for (const pattern of [...resolved.only, ...resolved.skip]) {
    if (!CHECKS.some((check) => matchesCheck(check.id, [pattern]))) {
      throw new ConfigError(`contract: '${pattern}' names no check (see listChecks())`);
    }
  }
  return resolved;
}

function checkProvider(provider: ProviderOptions | undefined): void {
  if (!provider || !PROVIDER_KINDS.includes(provider.kind)) {
    throw new ConfigError(`contract: provider.kind must be one of ${PROVIDER_KINDS.join(', ')}`);
  }
  let url: URL;
  try {
    url = new URL(provider.baseUrl);
  } catch (cause) {
    throw new ConfigError(`contract: base URL '${provider.baseUrl}' is not a URL`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`contract: base URL '${provider.baseUrl}' must be http or https`);
  }
  if (
    provider.kind === 'generic' &&
    provider.pathTemplate !== undefined &&
    !provider.pathTemplate.startsWith('/')
  ) {
    throw new ConfigError(`contract: the path template '${provider.pathTemplate}' must start with '/'`);
  }
}
