import { createHash } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { SCENARIO_NAMES } from '../src/faults/index.js';
import type { InspectorConfig } from '../src/http/inspector-route.js';
import { CLI, startCli } from './cli-process.js';
import { AUTH, testApp } from './helpers.js';

const PAGE = '/__imagegen/';

/** The config the server wrote into the page, as the page's script reads it. */
function pageConfig(html: string): InspectorConfig {
  const json = /<script id="inspector-config" type="application\/json">([^<]*)<\/script>/.exec(html)?.[1];
  expect(json).toBeDefined();
  return JSON.parse(json ?? 'null') as InspectorConfig;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

describe('the inspector page', () => {
  it('is served at /__imagegen/ as one self-contained HTML page, fetching nothing from elsewhere', async () => {
    const res = await request(await testApp()).get(PAGE);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.text;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>imagegen-mock inspector</title>');
    // No script, style sheet or image from a CDN: every URL in an attribute is relative or data:.
    const urls = [...html.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((match) => match[1]);
    expect(urls.filter((url) => /^(https?:)?\/\//.test(url ?? ''))).toEqual([]);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet/);
  });

  it('sends a Content-Security-Policy that lets only its own inline code run, and other hardening headers', async () => {
    const res = await request(await testApp()).get(PAGE);
    const policy = String(res.headers['content-security-policy']);
    const directives = new Map(
      policy.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    const scripts = [...res.text.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? '');
    const styles = [...res.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
    expect(scripts).toHaveLength(1);
    expect(styles).toHaveLength(1);
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(scripts.map(sha256));
    expect(directives.get('style-src')).toEqual(styles.map(sha256));
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('tells the page the scenarios, the models and whether a key is required', async () => {
    const open = pageConfig((await request(await testApp()).get(PAGE)).text);
    expect(open.scenarios.map((scenario) => scenario.name)).toEqual([...SCENARIO_NAMES]);
    expect(open.keysRequired).toBe(false);
    expect(open.journalSize).toBe(1000);
    expect(open.defaultModel).toBe('dall-e-2');
    expect(open.models['dall-e-2']).toEqual({
      sizes: ['256x256', '512x512', '1024x1024'],
      maxN: 10,
      outputFormats: null,
    });
    expect(open.models['gpt-image-1']?.outputFormats).toEqual(['png', 'jpeg', 'webp']);

    const app = await testApp({ apiKeys: ['sk-only'], retiredModels: 'error', journalSize: 0 });
    const locked = pageConfig((await request(app).get(PAGE)).text);
    expect(locked.keysRequired).toBe(true);
    expect(locked.journalSize).toBe(0);
    expect(Object.keys(locked.models)).not.toContain('dall-e-2');
    expect(locked.defaultModel).toBe('dall-e-2');
  });

  it('redirects /__imagegen to /__imagegen/, relatively, so the page’s relative URLs resolve', async () => {
    const app = await testApp();
    const res = await request(app).get('/__imagegen');
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('__imagegen/');
    expect(new URL(String(res.headers.location), 'http://mock.test/__imagegen').pathname).toBe(PAGE);
  });

  it('answers HEAD without a body, and other methods with the API’s JSON 404', async () => {
    const app = await testApp();
    const head = await request(app).head(PAGE);
    expect(head.status).toBe(200);
    expect(head.text).toBeUndefined();
    const post = await request(app).post(PAGE).set(AUTH).send({});
    expect(post.status).toBe(404);
    expect(post.body).toMatchObject({ error: { message: 'Invalid URL (POST /__imagegen/)', code: null } });
  });

  it('is not itself journalled: opening the page adds no request to the list it shows', async () => {
    const app = await testApp();
    await request(app).get(PAGE);
    await request(app).get('/__imagegen');
    await request(app).get('/__imagegen/events?status=abc');
    const res = await request(app).get('/__imagegen/requests');
    expect((res.body as { data: unknown[] }).data).toEqual([]);
  });

  it('is gone with --no-inspector (inspector: false), as are its event stream and the journal routes', async () => {
    const app = await testApp({ inspector: false });
    for (const path of [PAGE, '/__imagegen', '/__imagegen/events']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.body).toMatchObject({ error: { message: `Invalid URL (GET ${path})` } });
    }
  });

  it('refuses a bad filter on the event stream with the journal’s 400, before any event is sent', async () => {
    const res = await request(await testApp()).get('/__imagegen/events?status=abc');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toMatchObject({ error: { param: 'status', code: 'invalid_journal_filter' } });
  });
});

describe('the inspector from the command line', () => {
  it('is printed in the banner, served by the build, and does not hold up Ctrl+C with its stream open', async () => {
    const cli = await startCli(process.execPath, [CLI, '--port', '0']);
    try {
      const url = /^inspector \(requests live, with their images\): (http:\/\/\S+)$/m.exec(cli.output())?.[1];
      expect(url).toBe(`${cli.url}/__imagegen/`);
      const page = await fetch(url ?? '');
      expect(page.status).toBe(200);
      expect(pageConfig(await page.text()).scenarios.length).toBe(SCENARIO_NAMES.length);
      const stream = await fetch(`${cli.url}/__imagegen/events`);
      expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const started = performance.now();
      expect(await cli.stop()).toBe(0);
      expect(performance.now() - started).toBeLessThan(5000);
      await stream.body?.cancel();
    } finally {
      await cli.stop();
    }
  });

  it('is neither printed nor served with --no-inspector', async () => {
    const cli = await startCli(process.execPath, [CLI, '--port', '0', '--no-inspector']);
    try {
      expect(cli.output()).not.toContain('inspector');
      expect((await fetch(`${cli.url}/__imagegen/`)).status).toBe(404);
    } finally {
      await cli.stop();
    }
  });
});
