import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract } from '../../src/contract/index.js';
import type { ContractOptions, ContractReport } from '../../src/contract/engine/types.js';
import { renderHtmlReport } from '../../src/contract/write-report.js';
import { startServer, type RunningServer } from '../../src/http/start-server.js';
import { startBrokenProvider } from '../contract/broken-provider.js';
import { collectPageErrors, launchChromium } from './chromium.test-helpers.js';

/**
 * The HTML contract report as a person opens it: a file from a CI artifact, in Chromium. The report of a
 * real run against our mock renders without a console error and every embedded image decodes; a failing
 * run shows each failure with its repro; a hostile provider's text stays text.
 */
const API_KEY = 'sk-report-test';
const FAST = { timeoutMs: 10_000, errorTimeoutMs: 5_000, maxRetries: 0 } as const;

let browser: Browser;
let mock: RunningServer;
let dir: string;

beforeAll(async () => {
  [browser, mock] = await Promise.all([
    launchChromium(),
    startServer({ port: 0, host: '127.0.0.1', apiKeys: [API_KEY], shutdownTimeoutMs: 1_000 }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'contract-report-'));
});
afterAll(async () => {
  await Promise.all([browser?.close(), mock?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the suite, keeping the images, and writes the page as `--html` does. */
async function reportOf(options: Omit<ContractOptions, 'model'>, name: string): Promise<string> {
  const report: ContractReport = await runContract(
    { model: 'dall-e-2', ...FAST, ...options },
    { keepImages: true },
  );
  const path = join(dir, `${name}.html`);
  writeFileSync(path, await renderHtmlReport(report, '0.0.0-test'));
  return path;
}

/** Opens the file as a browser does from disk; resolves once every image has loaded or failed. */
async function open(path: string): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const page = await browser.newPage();
  const errors = collectPageErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!/^(file|data):/.test(request.url())) errors.push(`the page requested ${request.url()}`);
  });
  await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { page, errors, dialogs };
}

/**
 * Each embedded image with the start of its source and its decoded width (0 for one the browser could not
 * decode). Page code is given as text: the project's types have no DOM.
 */
function decodedImages(page: Page): Promise<{ src: string; naturalWidth: number }[]> {
  return page.evaluate<{ src: string; naturalWidth: number }[]>(
    '[...document.images].map((image) => ({ src: image.src.slice(0, 23), naturalWidth: image.naturalWidth }))',
  );
}

describe('the HTML contract report in Chromium', () => {
  it('of a passing run against our mock renders without errors and every image decodes', async () => {
    const path = await reportOf(
      {
        provider: { kind: 'openai', baseUrl: `${mock.url}/v1`, apiKey: API_KEY },
        expectDeterministic: true,
        maxImages: 6,
      },
      'passing',
    );
    const { page, errors } = await open(path);
    try {
      expect(await page.textContent('h1')).toBe('Images contract: PASSED');
      const images = await decodedImages(page);
      // b64 (1), n2 (2), url (1), repeat (1) and the edit (1): dall-e-2's plan within 6 images.
      expect(images).toHaveLength(6);
      for (const image of images) {
        expect(image.src).toBe('data:image/webp;base64,');
        expect(image.naturalWidth).toBeGreaterThan(0);
      }
      const labels = await page.locator('figcaption strong').allTextContents();
      expect(labels).toContain('generate.url, image 1 of 1');
      expect(labels).toContain('edit.b64, image 1 of 1');
      expect(await page.locator('#checks tbody tr').count()).toBeGreaterThan(20);
      expect(await page.locator('#failures').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('of a failing run shows the failure first, with its repro, and the picture that is the wrong size', async () => {
    const provider = await startBrokenProvider(['wrong-dimensions', 'no-request-id'], {
      upstream: mock.url,
      apiKey: API_KEY,
    });
    let path: string;
    try {
      path = await reportOf(
        { provider: { kind: 'openai', baseUrl: provider.baseUrl, apiKey: API_KEY }, maxImages: 3 },
        'failing',
      );
    } finally {
      await provider.close();
    }
    const { page, errors } = await open(path);
    try {
      expect(await page.textContent('h1')).toBe('Images contract: FAILED');
      const failure = page.locator('#failures li#check-image\\.dimensions');
      expect(await failure.locator('h3').textContent()).toBe('image.dimensions MUST FAIL');
      expect(await failure.locator('.reason').textContent()).toMatch(/512x512/);
      expect(await failure.locator('pre.repro').textContent()).toMatch(
        new RegExp(
          `^curl -sS -i -X POST '${provider.baseUrl}/images/generations' .*"authorization: Bearer \\$OPENAI_API_KEY"`,
        ),
      );
      expect(await page.locator('#warnings li#check-headers\\.request-id').count()).toBe(1);
      // The failures come before the table; its row links to them.
      const top = await page.evaluate<string[]>(
        "[...document.querySelectorAll('main > section')].map((s) => s.id)",
      );
      expect(top.indexOf('failures')).toBeLessThan(top.indexOf('checks'));
      await page.click('#checks a[href="#check-image.dimensions"]');
      expect(page.url()).toMatch(/#check-image\.dimensions$/);

      const wrong = page.locator('figure.problem');
      expect(await wrong.count()).toBeGreaterThan(0);
      expect(await wrong.first().locator('.problems').textContent()).toMatch(
        /asked for 256x256, got 512x512/,
      );
      for (const image of await decodedImages(page)) expect(image.naturalWidth).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('of a hostile provider shows its markup as text: no element, script or request comes of it', async () => {
    const hostile = `<img src=x onerror="alert('img')"><script>alert('script')</script></pre>`;
    const server: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const generation =
          /"prompt":"[^"]+"/.test(body) && request.headers.authorization === `Bearer ${API_KEY}`;
        const answer = generation
          ? {
              created: Math.floor(Date.now() / 1000),
              data: [
                { url: `http://127.0.0.1:1/${hostile}` },
                { b64_json: Buffer.from(`<svg onload="alert('svg')"/>`).toString('base64') },
              ],
            }
          : { error: { message: hostile, type: hostile, param: hostile, code: hostile } };
        response.writeHead(generation ? 200 : 400, {
          'content-type': 'application/json',
          'x-request-id': hostile.replace(/[^\x20-\x7e]/g, ''),
        });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    let path: string;
    try {
      const { port } = server.address() as AddressInfo;
      path = await reportOf(
        {
          provider: { kind: 'openai', baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: API_KEY },
          maxImages: 2,
        },
        'hostile',
      );
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const { page, errors, dialogs } = await open(path);
    try {
      expect(await page.textContent('h1')).toBe('Images contract: FAILED');
      expect(await page.locator('script, svg, iframe, object, embed').count()).toBe(0);
      expect(await page.locator('img:not([src^="data:image/webp;base64,"])').count()).toBe(0);
      expect(await page.textContent('body')).toContain(`<img src=x onerror="alert('img')">`);
      expect(await page.locator('.placeholder').count()).toBeGreaterThan(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
