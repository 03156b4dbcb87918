import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Express, RequestHandler } from 'express';
import { SCENARIOS } from '../faults/index.js';
import { defaultModelId, type Spec } from '../openapi/load-spec.js';
import type { AppDeps, AppSettings } from './app-deps.js';
import { ADMIN_PREFIX } from './journal-routes.js';

/** The inspector page, shipped beside `openapi.yaml` and found the same way, from the sources or the build. */
export const INSPECTOR_PAGE_PATH = fileURLToPath(new URL('../../inspector/index.html', import.meta.url));

/** The element the page reads its settings from; the server fills it in as it serves the page. */
const CONFIG_ELEMENT = /<script id="inspector-config" type="application\/json">[^<]*<\/script>/;

/** What the page needs to know of this server that no API route tells it. */
export interface InspectorConfig {
  /** Whether only `--api-key` keys are accepted, so the page must ask for one. */
  keysRequired: boolean;
  /** How many requests the journal keeps; 0 means the journal is off. */
  journalSize: number;
  /** The scenarios `Prefer: scenario=` accepts, for the form's fault list. */
  scenarios: { name: string; status: number | null; summary: string }[];
  /** Each model's sizes, `n` maximum and output formats, so the form offers only what it accepts. */
  models: Record<string, { sizes: string[]; maxN: number; outputFormats: string[] | null }>;
  /** The model of a request that names none. */
  defaultModel: string;
}

interface LoadedPage {
  /** The page's text before and after the config element. */
  head: string;
  tail: string;
  /** `script-src` and `style-src` sources: the hashes of the page's own inline script and style. */
  scriptHashes: string[];
  styleHashes: string[];
}

let loading: Promise<LoadedPage> | undefined;

/**
 * `GET /__imagegen/` serves the inspector page (`/__imagegen` redirects there, so the page's relative URLs
 * resolve): the request journal live, with its images, and a form that sends a generation. The page may run
 * only its own inline code, load images only from this server and `data:` URLs, and talk only to this server.
 */
export function addInspectorRoute(
  app: Express,
  { spec, journal }: Pick<AppDeps, 'spec' | 'journal'>,
  settings: AppSettings,
): void {
  const config = inspectorConfig(spec, settings, journal.capacity);
  app.get(ADMIN_PREFIX.slice(0, -1), servePage(config));
}

function servePage(config: InspectorConfig): RequestHandler {
  return async (req, res) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    if (!path.endsWith('/')) {
      // Relative, so that it holds behind a proxy that serves the mock below a prefix.
      return res.redirect(308, `${path.slice(path.lastIndexOf('/') + 1)}/`);
    }
    loading ??= loadPage(INSPECTOR_PAGE_PATH).catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    const page = await loading;
    res.status(200);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('content-security-policy', contentSecurityPolicy(page));
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.end(req.method === 'HEAD' ? undefined : `${page.head}${configElement(config)}${page.tail}`);
  };
}

/** Only the page's own inline script and style; images from this server and `data:`; fetches to this server. */
export function contentSecurityPolicy(page: Pick<LoadedPage, 'scriptHashes' | 'styleHashes'>): string {
  return [
    "default-src 'none'",
    `script-src ${page.scriptHashes.join(' ')}`,
    `style-src ${page.styleHashes.join(' ')}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Reads the page, splits it around its config element and hashes its inline code, once per process. */
export async function loadPage(path: string): Promise<LoadedPage> {
  const text = await readFile(path, 'utf8');
  const match = CONFIG_ELEMENT.exec(text);
  if (!match) throw new Error(`the inspector page ${path} has no inspector-config element`);
  const hashes = (pattern: RegExp): string[] =>
    [...text.matchAll(pattern)].map(
      (found) =>
        `'sha256-${createHash('sha256')
          .update(found[1] ?? '')
          .digest('base64')}'`,
    );
  return {
    head: text.slice(0, match.index),
    tail: text.slice(match.index + match[0].length),
    scriptHashes: hashes(/<script>([\s\S]*?)<\/script>/g),
    styleHashes: hashes(/<style>([\s\S]*?)<\/style>/g),
  };
}

/** The config as a JSON script element; `<` escaped, so no value can close the element. */
function configElement(config: InspectorConfig): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<script id="inspector-config" type="application/json">${json}</script>`;
}

/** What the page is told of this server: the models it serves, the scenarios, whether keys are checked. */
export function inspectorConfig(spec: Spec, settings: AppSettings, journalSize: number): InspectorConfig {
  const models: InspectorConfig['models'] = {};
  for (const model of spec.models.values()) {
    if (model.retired !== null && settings.retiredModels === 'error') continue;
    models[model.id] = {
      sizes: [...model.sizes],
      maxN: model.maxN,
      outputFormats: model.outputFormats && [...model.outputFormats],
    };
  }
  return {
    keysRequired: settings.apiKeys.length > 0,
    journalSize,
    scenarios: SCENARIOS.map(({ name, status, summary }) => ({ name, status, summary })),
    models,
    defaultModel: defaultModelId(spec, settings.defaultModel),
  };
}
