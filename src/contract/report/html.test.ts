import { describe, expect, it } from 'vitest';
import type { CheckResult, ContractReport, ReturnedImage } from '../engine/types.js';
import { escapeHtml } from './html-escape.js';
import { formatHtmlReport } from './html.js';
import type { Thumbnail } from './thumbnails.js';

const result = (
  id: string,
  status: CheckResult['status'],
  reason: string,
  extra: Partial<CheckResult> = {},
): CheckResult => ({
  id,
  title: `title of ${id}`,
  severity: 'must',
  status,
  reason,
  durationMs: 5,
  ...extra,
});

const REPRO =
  'curl -sS -i -X POST \'http://127.0.0.1:4010/v1/images/generations\' -H "authorization: Bearer $OPENAI_API_KEY"';

const image = (extra: Partial<ReturnedImage> = {}): ReturnedImage => ({
  purpose: 'generate.n2',
  index: 1,
  count: 2,
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:4010/v1/images/generations',
    body: '{"model":"dall-e-2","prompt":"A red circle","n":2,"size":"512x512"}',
  },
  asked: { n: 2, size: '512x512', responseFormat: 'b64_json' },
  source: 'b64_json',
  bytes: Buffer.alloc(2048),
  format: 'png',
  width: 512,
  height: 512,
  problems: [],
  ...extra,
});

const THUMB: Thumbnail = {
  ok: true,
  dataUrl: 'data:image/webp;base64,UklGRg==',
  width: 320,
  height: 320,
  kind: 'thumbnail',
};

const report = (extra: Partial<ContractReport> = {}): ContractReport => ({
  model: 'dall-e-2',
  provider: 'openai',
  baseUrl: 'http://127.0.0.1:4010/v1',
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 4321,
  billableImages: 4,
  estimatedCostUsd: 0.064,
  billedImages: 3,
  billedCostUsd: 0.048,
  results: [
    result('response.schema', 'pass', '2 answer(s) conform'),
    result('image.dimensions', 'fail', 'data[0] is 1024x1024, expected 512x512', { repro: REPRO }),
    result('errors.param', 'warn', "param was null for the 'n' case", { severity: 'should', repro: REPRO }),
    result('determinism', 'skip', 'only with expectDeterministic'),
  ],
  summary: { passed: 1, failed: 1, warned: 1, skipped: 1 },
  notes: ['dall-e-9 is not in the model table'],
  images: [image({ index: 0 }), image({ width: 1024, height: 1024 })],
  ...extra,
});

/** The tags the report writes; anything else would be markup that came in with the data. */
const TAGS = new Set(
  (
    'html head meta title style body header h1 h2 h3 p code ul ol li nav a main section dl dt dd table thead ' +
    'tbody tr th td div figure img figcaption strong pre span footer'
  ).split(' '),
);
const ATTRIBUTES = new Set(
  'lang charset http-equiv content name class id href src width height alt'.split(' '),
);

/** Every `<` opens one of the report's own tags with its own attributes, each value quoted. */
function markupOf(html: string): { tags: string[]; attributes: string[] } {
  const body = html.replace(/^<!doctype html>\n/, '').replace(/<style>[^<]*<\/style>/, '<style></style>');
  const tags: string[] = [];
  const attributes: string[] = [];
  let at = 0;
  const tag = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"<>]*")*)>/y;
  for (let next = body.indexOf('<'); next >= 0; next = body.indexOf('<', at)) {
    tag.lastIndex = next;
    const match = tag.exec(body);
    if (!match) throw new Error(`not one of the report's tags: ${body.slice(next, next + 60)}`);
    tags.push(match[2] ?? '');
    for (const [, name = ''] of (match[3] ?? '').matchAll(/\s([a-z-]+)="/g)) attributes.push(name);
    at = next + match[0].length;
  }
  return { tags, attributes };
}

describe('formatHtmlReport', () => {
  it('is one page with its own style and nothing to load: no script, no link, no remote URL', () => {
    const html = formatHtmlReport(report(), { version: '1.2.3', thumbnails: [THUMB, THUMB] });
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain("default-src 'none'; img-src data:");
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toMatch(/<style>[^<]*prefers-color-scheme: dark[^<]*@media print[^<]*<\/style>/);
    const { tags, attributes } = markupOf(html);
    expect(tags.filter((name) => !TAGS.has(name))).toEqual([]);
    expect(attributes.filter((name) => !ATTRIBUTES.has(name))).toEqual([]);
    expect(html).not.toMatch(/(src|href)="(?!data:image\/|#)/);
    expect(html).toContain(
      '<title>FAILED: images contract, dall-e-2 at http://127.0.0.1:4010/v1 (openai)</title>',
    );
  });

  it('says the verdict, the target, the counts, what was planned and billed, and the notes', () => {
    const html = formatHtmlReport(report(), { version: '1.2.3' });
    expect(html).toContain('<header class="verdict fail">\n<h1>Images contract: FAILED</h1>');
    expect(html).toContain('<dt>Planned</dt><dd>4 images, about $0.064</dd>');
    expect(html).toContain('<dt>Billed</dt><dd>3 images, about $0.048</dd>');
    expect(html).toContain('<dt>Duration</dt><dd>4.3s</dd>');
    expect(html).toContain('<dt>Base URL</dt><dd><code>http://127.0.0.1:4010/v1</code></dd>');
    expect(html).toContain('<span class="status fail">1</span> failed');
    expect(html).toContain('Note: dall-e-9 is not in the model table');
    expect(html).toContain('Written by imagegen-mock 1.2.3. 1 passed, 1 failed, 1 warned, 1 skipped.');

    const passed = { passed: 3, failed: 0, warned: 0, skipped: 1 };
    expect(formatHtmlReport(report({ summary: passed }), { version: '1' })).toContain(
      '<header class="verdict pass">\n<h1>Images contract: PASSED</h1>',
    );
    expect(formatHtmlReport(report({ summary: { ...passed, warned: 1 } }), { version: '1' })).toContain(
      '<h1>Images contract: PASSED with warnings</h1>',
    );
  });

  it('shows failures first, each with its reason and curl repro, then warnings, images and every check', () => {
    const html = formatHtmlReport(report(), { version: '1', thumbnails: [THUMB, THUMB] });
    const order = ['id="summary"', 'id="failures"', 'id="warnings"', 'id="images"', 'id="checks"'];
    const positions = order.map((marker) => html.indexOf(marker));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    const failures = html.slice(html.indexOf('id="failures"'), html.indexOf('id="warnings"'));
    expect(failures).toContain('<h2>Failures (1)</h2>');
    expect(failures).toContain('<code>image.dimensions</code> <span class="severity">MUST</span>');
    expect(failures).toContain('<p class="reason">data[0] is 1024x1024, expected 512x512</p>');
    expect(failures).toContain(`<pre class="repro"><code>${escapeHtml(REPRO)}</code></pre>`);
    expect(failures).not.toContain('errors.param');

    const table = html.slice(html.indexOf('id="checks"'));
    for (const check of report().results) {
      expect(table).toMatch(
        new RegExp(
          `<tr class="${check.status}"><td>(<a href="#check-${check.id}">)?<code>${check.id}</code>`,
        ),
      );
    }
    expect(table).toContain('<span class="status skip">SKIP</span></td><td class="reason">only with');
  });

  it('leaves out the failure and warning sections when there are none, and the images when none were kept', () => {
    const html = formatHtmlReport(
      report({ results: [result('response.schema', 'pass', 'ok')], images: undefined }),
      { version: '1' },
    );
    expect(html).not.toMatch(/id="(failures|warnings|images)"/);
    expect(html).not.toMatch(/href="#(failures|warnings|images)"/);
    expect(html).toContain('<a href="#checks">All checks</a>');
  });

  it('embeds each thumbnail with its size, labelled with the request it answered', () => {
    const html = formatHtmlReport(report(), { version: '1', thumbnails: [THUMB, THUMB] });
    const images = html.slice(html.indexOf('id="images"'), html.indexOf('id="checks"'));
    expect(images).toContain('<h2>Images the provider returned (2)</h2>');
    expect(
      images.match(/<img src="data:image\/webp;base64,UklGRg==" width="320" height="320" alt="[^"]+">/g),
    ).toHaveLength(2);
    expect(images).toContain('<strong>generate.n2, image 2 of 2</strong>');
    expect(images).toContain('<p>asked: n=2, 512x512, b64_json</p>');
    expect(images).toContain('<p>got: PNG 1024x1024, 2.0 KB via b64_json</p>');
    // The picture that is not the size asked for is marked, the other one is not.
    expect(images.match(/<figure class="image problem">/g)).toHaveLength(1);
    expect(images).toContain('<li>asked for 512x512, got 1024x1024</li>');
    expect(images).toContain('POST /images/generations\n{\n  &quot;model&quot;: &quot;dall-e-2&quot;,');
  });

  it('says why there is no picture, and never shows the query of an image URL', () => {
    const url = 'https://files.example.test/img/abc.png?sig=SECRET-SIGNATURE&se=2026';
    const missing = image({
      source: 'url',
      url,
      problems: ['the url answered 404'],
      bytes: undefined,
      format: undefined,
      width: undefined,
      height: undefined,
    });
    const page = image({ format: undefined, width: undefined, height: undefined, problems: ['not a PNG'] });
    const html = formatHtmlReport(report({ images: [missing, image(), page] }), {
      version: '1',
      thumbnails: [{ ok: false, reason: 'the url answered 404' }],
    });
    expect(html).toContain('<div class="placeholder">No picture: the url answered 404</div>');
    expect(html).toContain('<p>url: <code>https://files.example.test/img/abc.png?…</code></p>');
    expect(html).not.toContain('SECRET-SIGNATURE');
    expect(html).toContain('<div class="placeholder">No picture: none was made</div>');
    expect(html).toContain('<p>got: nothing via url</p>');
    expect(html).toContain('<p>got: no PNG, JPEG or WebP, 2.0 KB via b64_json</p>');
  });

  it('escapes whatever the provider sent, so it cannot add markup', () => {
    const hostile = `</code></pre><script>alert(1)</script><img src=x onerror="alert(2)">'"&amp;\u0000\u001b`;
    const html = formatHtmlReport(
      report({
        model: `m${hostile}`,
        baseUrl: `http://127.0.0.1:4010/v1${hostile}`,
        notes: [hostile],
        results: [
          result(`response.schema`, 'fail', hostile, { title: hostile, repro: `curl ${hostile}` }),
          result('errors.param', 'warn', hostile, { severity: 'should' }),
        ],
        images: [
          image({
            url: `http://x.test/${hostile}`,
            problems: [hostile],
            request: { method: 'POST', url: hostile, body: hostile },
          }),
        ],
      }),
      { version: '1', thumbnails: [{ ok: false, reason: hostile }] },
    );
    const { tags, attributes } = markupOf(html);
    expect(tags.filter((name) => !TAGS.has(name))).toEqual([]);
    expect(attributes.filter((name) => !ATTRIBUTES.has(name))).toEqual([]);
    expect(tags.filter((name) => name === 'img')).toEqual([]);
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;&quot;&amp;amp;\ufffd\ufffd',
    );
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that open markup, end attributes or start references', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('replaces controls and lone surrogates, and keeps tabs, newlines and real characters', () => {
    expect(escapeHtml('a\u0000b\u007f\tc\nd\r😀\ud800e')).toBe('a\ufffdb\ufffd\tc\nd\r😀\ufffde');
  });
});
