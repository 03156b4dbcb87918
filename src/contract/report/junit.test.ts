import { describe, expect, it } from 'vitest';
import type { CheckResult, ContractReport } from '../engine/types.js';
import { escapeXml, formatJunit } from './junit.js';

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict little XML reader, enough to prove the output well-formed: one root, balanced tags, quoted and
 * unique attributes, no raw `<` or `&` outside markup, only the five named entities and numeric references.
 */
function parseXml(source: string): XmlElement {
  const decode = (text: string): string => {
    if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(text)) throw new Error(`bare & in ${text}`);
    return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_all, entity: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (entity in named) return named[entity] ?? '';
      return String.fromCodePoint(Number(entity.startsWith('#x') ? `0x${entity.slice(2)}` : entity.slice(1)));
    });
  };
  const body = source.replace(/^<\?xml [^?]*\?>\s*/, '');
  const stack: XmlElement[] = [{ name: '#document', attributes: {}, children: [], text: '' }];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*"|\s+[\w.-]+='[^'<]*')*)\s*(\/?)>/y;
  let at = 0;
  while (at < body.length) {
    const next = body.indexOf('<', at);
    const text = body.slice(at, next < 0 ? body.length : next);
    if (text.includes('>')) throw new Error(`raw > in text ${text}`);
    stack.at(-1)!.text += decode(text);
    if (next < 0) break;
    tag.lastIndex = next;
    const match = tag.exec(body);
    if (!match) throw new Error(`malformed markup at ${body.slice(next, next + 40)}`);
    const [whole, closing, name = '', rawAttributes = '', selfClosing] = match;
    at = next + whole.length;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key = '', double, single] of rawAttributes.matchAll(/([\w.-]+)=(?:"([^"]*)"|'([^']*)')/g)) {
      if (key in attributes) throw new Error(`duplicate attribute ${key}`);
      attributes[key] = decode(double ?? single ?? '');
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    stack.at(-1)!.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  const [document] = stack;
  if (stack.length !== 1 || document?.children.length !== 1 || document.text.trim() !== '') {
    throw new Error('not exactly one root element');
  }
  return document.children[0]!;
}

const NASTY = `<tag attr="x" & 'y'> \u0000\u001b end`;

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
  durationMs: 1500,
  ...extra,
});

const report: ContractReport = {
  model: 'dall-e-2',
  provider: 'openai',
  baseUrl: 'http://127.0.0.1:4010/v1?a=1&b=2',
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 4321,
  billableImages: 3,
  estimatedCostUsd: 0.048,
  billedImages: 2,
  billedCostUsd: 0.032,
  results: [
    result('response.schema', 'pass', 'conforms'),
    result('image.dimensions', 'fail', NASTY, {
      repro: 'curl -d \'{"prompt":"a <b>&c</b>"}\'\n  -H \'x: 1\'',
    }),
    result('errors.param', 'warn', `param was "n" & not 'size'`, { severity: 'should' }),
    result('determinism', 'skip', 'not asked for'),
  ],
  summary: { passed: 1, failed: 1, warned: 1, skipped: 1 },
};

describe('formatJunit', () => {
  it('is read by a parser that rejects what is not well-formed', () => {
    for (const bad of [
      '<a b="<">x</a>',
      '<a>&</a>',
      '<a>&nbsp;</a>',
      '<a><b></a>',
      '<a/><a/>',
      '<a b="1" b="2"/>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });

  const root = parseXml(formatJunit(report));
  const suite = root.children[0]!;
  const cases = suite.children.filter((child) => child.name === 'testcase');
  const byName = (name: string) => cases.find((testcase) => testcase.attributes.name === name)!;

  it('is well-formed: one testsuite with the run totals inside a testsuites root', () => {
    expect(root.name).toBe('testsuites');
    expect(root.children.map((child) => child.name)).toEqual(['testsuite']);
    expect(suite.attributes).toMatchObject({
      name: 'imagegen-mock contract: dall-e-2 at http://127.0.0.1:4010/v1?a=1&b=2',
      tests: '4',
      failures: '1',
      errors: '0',
      skipped: '1',
      time: '4.321',
      timestamp: '2026-01-02T03:04:05.000Z',
    });
  });

  it('has one testcase per check, classname from the id prefix', () => {
    expect(cases.map((testcase) => [testcase.attributes.classname, testcase.attributes.name])).toEqual([
      ['response', 'response.schema'],
      ['image', 'image.dimensions'],
      ['errors', 'errors.param'],
      ['determinism', 'determinism'],
    ]);
    expect(byName('response.schema').children).toEqual([]);
    expect(byName('response.schema').attributes.time).toBe('1.500');
  });

  it('carries a failure with the exact reason and the curl repro, escaped and read back intact', () => {
    const [failure] = byName('image.dimensions').children;
    expect(failure?.name).toBe('failure');
    expect(failure?.attributes.message).toBe(NASTY.replace('\u0000\u001b', '\ufffd\ufffd'));
    expect(failure?.attributes.type).toBe('MUST');
    expect(failure?.text).toContain(`curl -d '{"prompt":"a <b>&c</b>"}'\n  -H 'x: 1'`);
  });

  it('skips a skipped check and reports a warning as a pass with system-out', () => {
    expect(byName('determinism').children.map((child) => [child.name, child.attributes.message])).toEqual([
      ['skipped', 'not asked for'],
    ]);
    const [out] = byName('errors.param').children;
    expect(out?.name).toBe('system-out');
    expect(out?.text).toContain(`WARNING title of errors.param`);
    expect(out?.text).toContain(`param was "n" & not 'size'`);
  });

  it('records the provider, model and cost as properties', () => {
    const properties = suite.children.find((child) => child.name === 'properties')!.children;
    expect(Object.fromEntries(properties.map((p) => [p.attributes.name, p.attributes.value]))).toMatchObject({
      provider: 'openai',
      model: 'dall-e-2',
      billableImages: '3',
      estimatedCostUsd: '0.048',
      billedImages: '2',
      billedCostUsd: '0.032',
    });
  });
});

describe('escapeXml', () => {
  it('escapes <&>"\' everywhere and keeps line breaks only in content', () => {
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
    expect(escapeXml('a\nb\tc\rd')).toBe('a&#10;b&#9;c&#13;d');
    expect(escapeXml('a\nb\tc\rd', 'content')).toBe('a\nb\tc&#13;d');
  });

  it('replaces what XML cannot carry and keeps astral characters whole', () => {
    expect(escapeXml('\u0000\u0008\u000b\u001f\ufffe')).toBe('\ufffd'.repeat(5));
    expect(escapeXml('\ud800x\udc00')).toBe('\ufffdx\ufffd');
    expect(escapeXml('🖼️ é')).toBe('🖼️ é');
  });
});
