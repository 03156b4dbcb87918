import type { ProviderOptions } from './types.js';

/** Azure's `api-version` when none is given: a version that serves both DALL-E 3 and the GPT image models. */
export const AZURE_DEFAULT_API_VERSION = '2025-04-01-preview';

/** The generic provider's path below the base URL when no template is given. */
export const GENERIC_DEFAULT_PATH = '/images/generations';

/**
 * The URL of the image generation endpoint:
 * - `openai`: `{baseUrl}/images/generations` (the base URL ends in `/v1`);
 * - `azure`: `{baseUrl}/openai/deployments/{deployment}/images/generations?api-version=...`, the deployment
 *   defaulting to the model name (the host picks the model from the deployment);
 * - `generic`: `{baseUrl}{pathTemplate}`, `{model}` in the template replaced.
 */
export function generationUrl(provider: ProviderOptions, model: string): string {
  const base = provider.baseUrl.replace(/\/+$/, '');
  switch (provider.kind) {
    case 'openai':
      return `${base}/images/generations`;
    case 'azure': {
      const deployment = encodeURIComponent(provider.deployment ?? model);
      const version = encodeURIComponent(provider.apiVersion ?? AZURE_DEFAULT_API_VERSION);
      return `${base}/openai/deployments/${deployment}/images/generations?api-version=${version}`;
    }
    case 'generic':
      return (
        base +
        (provider.pathTemplate ?? GENERIC_DEFAULT_PATH).replaceAll('{model}', encodeURIComponent(model))
      );
  }
}

/** The header that carries a key: `Authorization: Bearer` (openai), `api-key` (azure), or as configured. */
export function authHeader(provider: ProviderOptions, key: string): Record<string, string> {
  switch (provider.kind) {
    case 'openai':
      return { authorization: `Bearer ${key}` };
    case 'azure':
      return { 'api-key': key };
    case 'generic': {
      const name = (provider.authHeader ?? 'authorization').toLowerCase();
      const scheme = provider.authScheme ?? 'Bearer';
      return { [name]: scheme === '' ? key : `${scheme} ${key}` };
    }
  }
}

/** The endpoints of the Images API below `/images/`. */
export type ImagesEndpoint = 'generations' | 'edits' | 'variations';

/**
 * The URL of an Images API endpoint, as `generationUrl` builds the generation one, or why the provider
 * does not offer it: Azure OpenAI serves no variations, and a generic provider's other endpoints are
 * found only when its path ends in `/images/generations` (the edits path is then `/images/edits`).
 */
export function imagesUrl(
  provider: ProviderOptions,
  model: string,
  endpoint: ImagesEndpoint,
): { url: string } | { unavailable: string } {
  const url = generationUrl(provider, model);
  if (endpoint === 'generations') return { url };
  if (provider.kind === 'azure' && endpoint === 'variations') {
    return { unavailable: 'Azure OpenAI serves no variations endpoint' };
  }
  const [path = '', query] = url.split('?');
  if (!path.endsWith('/images/generations')) {
    return {
      unavailable: `the provider's path does not end in /images/generations, so its ${endpoint} endpoint is unknown`,
    };
  }
  const other = `${path.slice(0, -'generations'.length)}${endpoint}`;
  return { url: query === undefined ? other : `${other}?${query}` };
}
