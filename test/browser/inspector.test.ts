import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/config.js';
import { createAppDeps } from '../../src/http/app-deps.js';
import { createApp } from '../../src/http/create-app.js';
import { closeJournalEvents } from '../../src/http/journal-events.js';
import type { ImageStore } from '../../src/generations/image-store.js';
import type { RenderParams } from '../../src/images/index.js';
import type { Journal, JournalEntry } from '../../src/journal/index.js';
import { loadSpec } from '../../src/openapi/load-spec.js';
import { collectPageErrors, launchChromium } from './chromium.test-helpers.js';

// What the functions given to evaluate() use in the page: the project's types have no DOM, so name it here.
interface PageElement {
  className: string;
  id: string;
  getAttribute(name: string): string | null;
}
interface PageImage {
  naturalWidth: number;
  decode(): Promise<void>;
}
declare const document: { activeElement: PageElement | null; body: unknown };
declare function getComputedStyle(element: unknown): { backgroundColor: string; color: string };

/** The README's screenshot: rewritten by `UPDATE_SCREENSHOTS=1 npx vitest run --project browser`. */
const SCREENSHOT = new URL('../../docs/inspector.png', import.meta.url);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let browser: Browser;
let server: Server;
let base: string;
let journal: Journal;
let images: ImageStore;
let closeServer: () => Promise<void>;

beforeAll(async () => {
  // The app from its parts, so the test holds the journal and can record entries of its own making.
  const options = resolveOptions({});
  const deps = createAppDeps(await loadSpec(), options);
  const app = createApp(deps, options);
  journal = deps.journal;
  images = deps.images;
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closeServer = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      closeJournalEvents(app);
      server.closeAllConnections();
    });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await closeServer?.();
});

beforeEach(() => journal.clear());

function post(body: object, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${base}/v1/images/generations`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Opens the inspector in a fresh 1280x800 page, waits until it follows the journal, and checks its errors. */
async function openInspector(
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.emulateMedia({ colorScheme });
  const errors = collectPageErrors(page);
  await page.goto(`${base}/__imagegen`);
  await page.locator('#live[data-state="on"]').waitFor({ timeout: 5000 });
  // The page lists the models (GET /v1/models, journalled as any request); start each test from an empty list.
  await page.locator('#model option').first().waitFor({ state: 'attached', timeout: 5000 });
  journal.clear();
  await expect.poll(() => page.locator('.entry').count(), { timeout: 5000 }).toBe(0);
  return { page, errors };
}

/** Every image of the page's selector, loaded and decoded: its natural width, 0 for one that failed. */
async function decodedWidths(page: Page, selector: string): Promise<number[]> {
  const images = page.locator(selector);
  await expect.poll(() => images.count(), { timeout: 5000 }).toBeGreaterThan(0);
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await image.evaluate((element: PageImage) => element.decode().catch(() => undefined));
  }
  return images.evaluateAll((elements: PageImage[]) => elements.map((element) => element.naturalWidth));
}

/** The admin URL of a variant of an image this server rendered (another prompt, a transparent background). */
function renderedVariant(url: string | null | undefined, change: Partial<RenderParams>): string {
  const token = /\/([^/]+)\.png$/.exec(url ?? '')?.[1] ?? '';
  const params = images.getRendered(token)?.params;
  expect(params).toBeDefined();
  return `${base}/__imagegen/images/${images.renderTokenFor({ ...params!, ...change })}.png`;
}

/** An edit request as the journal records one: its uploaded image and mask, by reference, and its answer. */
function editEntry(imageUrl: string, maskUrl: string, answerUrl: string): JournalEntry {
  const file = (field: string, filename: string, url: string) => ({
    field,
    filename,
    contentType: 'image/png',
    bytes: 48_213,
    sha256: 'c0ffee'.padEnd(64, '0'),
    width: 256,
    height: 256,
    url,
  });
  return {
    id: 'req_0123456789abcdef0123456789abcdef',
    time: new Date().toISOString(),
    method: 'POST',
    path: '/v1/images/edits',
    status: 200,
    outcome: 'answered',
    durationMs: 21.4,
    request: {
      headers: { authorization: 'Bearer sk-t**************test', 'content-type': 'multipart/form-data' },
      body: { model: 'gpt-image-1', prompt: 'add a red scarf to the fox', size: '1024x1024' },
      files: [file('image', 'fox.png', imageUrl), file('mask', 'scarf-mask.png', maskUrl)],
    },
    fault: null,
    response: { status: 200, images: [{ format: 'png', size: '1024x1024', url: answerUrl }] },
  };
}

describe('the inspector in Chromium', () => {
  it('loads without errors and shows a request sent after it opened, with thumbnails that decode', async () => {
    const { page, errors } = await openInspector();
    const sent = await post({ model: 'dall-e-2', prompt: 'a red fox in the snow', size: '256x256', n: 2 });
    expect(sent.status).toBe(200);
    const row = page.locator('.entry').filter({ hasText: 'a red fox in the snow' });
    await row.waitFor({ timeout: 5000 });
    await expect.poll(() => row.locator('.status').textContent()).toBe('200');
    expect(await row.locator('.chip').allTextContents()).toEqual(['256x256', 'n=2']);
    const widths = await decodedWidths(page, '.entry .thumb');
    expect(widths).toEqual([256, 256]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows prompts as text, never as markup', async () => {
    const { page, errors } = await openInspector();
    const prompt = '<img src=x onerror="document.title=\'owned\'"><b>bold</b>';
    await post({ model: 'dall-e-2', prompt, size: '256x256' });
    const row = page.locator('.entry .prompt').first();
    await expect.poll(() => row.textContent(), { timeout: 5000 }).toBe(prompt);
    expect(await page.locator('.entry b, .entry img[src="x"]').count()).toBe(0);
    expect(await page.title()).toBe('imagegen-mock inspector');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows uploaded inputs as thumbnails beside the answer, and in the detail view', async () => {
    const { page, errors } = await openInspector();
    const answer = (await (await post({ model: 'gpt-image-1', prompt: 'a fox', quality: 'low' })).json()) as {
      data: unknown[];
    };
    expect(answer.data).toHaveLength(1);
    const [generated] = journal.entries();
    const url = generated?.response.images?.[0]?.url ?? '';
    expect(url).toContain('/__imagegen/images/');
    journal.record(editEntry(url, url, url));
    const row = page.locator('.entry').filter({ hasText: 'add a red scarf' });
    await row.waitFor({ timeout: 5000 });
    expect(await row.locator('.thumb.input').count()).toBe(2);
    expect(await decodedWidths(page, '.entry:first-child .thumb')).toEqual([1024, 1024, 1024]);
    await row.locator('.entry-open').click();
    const dialog = page.locator('#detail');
    await dialog.waitFor({ state: 'visible' });
    await expect
      .poll(() => dialog.locator('figcaption').allTextContents())
      .toEqual([
        expect.stringContaining('image fox.png · image/png · 48213 bytes · 256x256'),
        expect.stringContaining('mask scarf-mask.png'),
        expect.stringContaining('image 1 · png · 1024x1024'),
      ]);
    expect(await decodedWidths(page, '#detail figure img')).toEqual([1024, 1024, 1024]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens a request’s detail with the keyboard and closes it with Escape, giving focus back', async () => {
    const { page, errors } = await openInspector();
    await post({ model: 'dall-e-3', prompt: 'a teapot', size: '512x512' });
    await post(
      { model: 'gpt-image-1', prompt: 'a busy market', quality: 'low' },
      { prefer: 'scenario=rate_limit' },
    );
    await expect.poll(() => page.locator('.entry').count(), { timeout: 5000 }).toBe(2);
    let focused = '';
    for (let tab = 0; tab < 10 && !focused.includes('entry-open'); tab++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.className ?? '');
    }
    expect(focused).toContain('entry-open');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain('429');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const dialog = page.locator('#detail');
    await dialog.waitFor({ state: 'visible' });
    expect(await page.locator('#detail-title').textContent()).toBe('POST /v1/images/generations · 400');
    expect(await dialog.locator('pre').last().textContent()).toContain('"code": "invalid_value"');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-close');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toContain('400');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters with the journal’s filters and says why a filter is refused', async () => {
    const { page, errors } = await openInspector();
    await post({ model: 'dall-e-2', prompt: 'fine', size: '256x256' });
    await post({ model: 'dall-e-2', prompt: 'broken', size: '5x5' });
    await expect.poll(() => page.locator('.entry').count(), { timeout: 5000 }).toBe(2);
    await page.fill('#filter-status', '4xx');
    await expect
      .poll(() => page.locator('.entry .prompt').allTextContents(), { timeout: 5000 })
      .toEqual(['broken']);
    await page.fill('#filter-status', 'abc');
    await expect
      .poll(() => page.locator('#filter-error').textContent(), { timeout: 5000 })
      .toContain("Invalid status: 'abc'");
    await page.fill('#filter-status', '');
    await expect.poll(() => page.locator('.entry').count(), { timeout: 5000 }).toBe(2);
    // The EventSource refused by the 400 is the one console error expected here.
    expect(errors.filter((error) => !error.includes('400'))).toEqual([]);
    await page.close();
  });

  it('sends a generation from its form and shows the image, or the error envelope', async () => {
    const { page, errors } = await openInspector();
    await page.selectOption('#model', 'gpt-image-1');
    await page.fill('#prompt', 'a lighthouse at dawn');
    await page.click('#send');
    await expect
      .poll(() => page.locator('#result-status').textContent(), { timeout: 10_000 })
      .toMatch(/^200 in/);
    expect(await decodedWidths(page, '#result-images img')).toEqual([1024]);
    await page.locator('.entry').filter({ hasText: 'a lighthouse at dawn' }).waitFor({ timeout: 5000 });

    await page.selectOption('#fault', 'moderation');
    await page.click('#send');
    await expect
      .poll(() => page.locator('#result-error').textContent(), { timeout: 10_000 })
      .toContain('"code": "moderation_blocked"');
    expect(await page.locator('#result-status').textContent()).toMatch(/^400 in/);
    expect(journal.entries().at(-1)?.fault).toEqual({ source: 'directive', scenario: 'moderation' });
    expect(errors.filter((error) => !error.includes('400'))).toEqual([]);
    await page.close();
  });

  it('follows the dark colour scheme', async () => {
    const colours = async (scheme: 'light' | 'dark') => {
      const { page, errors } = await openInspector(scheme);
      const result = await page.evaluate(() => ({
        background: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.body).color,
      }));
      expect(errors).toEqual([]);
      await page.close();
      return result;
    };
    const luminance = (rgb: string) => {
      const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const light = await colours('light');
    const dark = await colours('dark');
    expect(luminance(light.background)).toBeGreaterThan(200);
    expect(luminance(dark.background)).toBeLessThan(40);
    expect(luminance(dark.text)).toBeGreaterThan(200);
  });

  it('takes the README screenshot: a few realistic requests, 1280x800', async () => {
    const { page, errors } = await openInspector();
    await post({ model: 'dall-e-2', prompt: 'a red fox in the snow, woodcut', size: '256x256', n: 2 });
    await post({
      model: 'gpt-image-1',
      prompt: 'a cat astronaut floating over Earth',
      n: 3,
      output_format: 'webp',
      quality: 'medium',
      size: '1536x1024',
    });
    await post({ model: 'dall-e-3', prompt: 'a teapot in the style of Delft pottery', size: '512x512' });
    const fox = await post({ model: 'gpt-image-1', prompt: 'a red fox sitting in the snow', quality: 'low' });
    await post(
      { model: 'gpt-image-1', prompt: 'a busy night market, neon signs' },
      { prefer: 'scenario=rate_limit' },
    );
    // An edit of that fox, as the journal records one: the fox and a mask uploaded, a fox in a scarf answered.
    const url = journal.entries().find((entry) => entry.id === fox.headers.get('x-request-id'))?.response
      .images?.[0]?.url;
    const mask = renderedVariant(url, { prompt: 'mask: the neck of the fox', background: 'transparent' });
    const scarf = renderedVariant(url, { prompt: 'add a red scarf to the fox' });
    journal.record(editEntry(url ?? '', mask, scarf));
    await post({
      model: 'gpt-image-1-mini',
      prompt: 'mountains over a lake, watercolour',
      size: '1024x1536',
      output_format: 'jpeg',
      quality: 'low',
    });
    await page.selectOption('#model', 'gpt-image-1');
    await page.fill('#prompt', 'a lighthouse at dawn');
    await page.click('#send');
    await expect.poll(() => page.locator('.entry').count(), { timeout: 5000 }).toBe(8);
    await decodedWidths(page, '#result-images img');
    await decodedWidths(page, '.entry .thumb');
    await page.mouse.move(0, 0);

    const update = process.env.UPDATE_SCREENSHOTS === '1';
    const directory = update ? undefined : mkdtempSync(join(tmpdir(), 'inspector-'));
    const path = update ? fileURLToPath(SCREENSHOT) : join(directory ?? '', 'inspector.png');
    try {
      await page.screenshot({ path });
      const png = readFileSync(path);
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 800]);
    } finally {
      if (directory) rmSync(directory, { recursive: true, force: true });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
