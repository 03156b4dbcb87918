import { describe, expect, it } from 'vitest';
import type { CheckResult, ContractReport } from '../engine/types.js';
import { choosePalette, NO_COLOR } from './color.js';
import { formatConsoleReport, formatSummaryLine, formatTable } from './console.js';

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
  durationMs: 120,
  ...extra,
});

const report: ContractReport = {
  model: 'dall-e-2',
  provider: 'openai',
  baseUrl: 'http://127.0.0.1:4010/v1',
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 4321,
  // Planned 4; one image did not come back, so 3 were billed.
  billableImages: 4,
  estimatedCostUsd: 0.064,
  billedImages: 3,
  billedCostUsd: 0.048,
  results: [
    result('response.schema', 'pass', '200 application/json, conforms to openapi.yaml'),
    result('image.dimensions', 'fail', 'data[0] is 512x512,\nexpected 256x256', {
      repro:
        "curl -sS -X POST 'http://127.0.0.1:4010/v1/images/generations' \\\n  -H 'Authorization: Bearer sk-…'",
    }),
    result('errors.param', 'warn', "param was null for the 'n' case", { severity: 'should' }),
    result('determinism', 'skip', 'not asked for (--expect-deterministic)'),
  ],
  summary: { passed: 1, failed: 1, warned: 1, skipped: 1 },
};

describe('formatConsoleReport', () => {
  it('ends with the summary line, passed and failed first', () => {
    const text = formatConsoleReport(report);
    expect(text.endsWith('\n1 passed, 1 failed, 1 warned, 1 skipped\n')).toBe(true);
    expect(formatSummaryLine({ passed: 20, failed: 0, warned: 2, skipped: 3 })).toBe(
      '20 passed, 0 failed, 2 warned, 3 skipped',
    );
  });

  it('prints an aligned table of check, severity, result and a one-line reason', () => {
    expect(formatTable(report.results)).toEqual([
      'check             severity  result  reason',
      'response.schema   MUST      PASS    200 application/json, conforms to openapi.yaml',
      'image.dimensions  MUST      FAIL    data[0] is 512x512, expected 256x256',
      "errors.param      SHOULD    WARN    param was null for the 'n' case",
      'determinism       MUST      SKIP    not asked for (--expect-deterministic)',
    ]);
  });

  it('cuts a long reason in the table and keeps all of it in the failure details', () => {
    const long = `the body was ${'x'.repeat(300)}`;
    const text = formatConsoleReport({ ...report, results: [result('response.schema', 'fail', long)] });
    const row = text.split('\n').find((line) => line.startsWith('response.schema'));
    expect(row?.endsWith('…')).toBe(true);
    expect(text).toContain(`1) response.schema (MUST): ${long}`);
  });

  it('lists each failure and warning with its repro, indented', () => {
    const text = formatConsoleReport(report);
    expect(text).toContain(
      [
        'Failures',
        '',
        '1) image.dimensions (MUST): data[0] is 512x512, expected 256x256',
        '   reproduce with:',
        "   curl -sS -X POST 'http://127.0.0.1:4010/v1/images/generations' \\",
        "     -H 'Authorization: Bearer sk-…'",
      ].join('\n'),
    );
    expect(formatConsoleReport({ ...report, notes: ['model x is not in the table'] })).toContain(
      '\nNote: model x is not in the table\n',
    );
    expect(text).toContain("Warnings\n\n1) errors.param (SHOULD): param was null for the 'n' case");
    expect(text).toContain(
      'dall-e-2 at http://127.0.0.1:4010/v1 (openai): 3 images billed, about $0.048, in 4.3s',
    );
  });

  it('has no failure section when nothing failed, and no escape codes without colour', () => {
    const passing = {
      ...report,
      results: [report.results[0]!],
      summary: { passed: 1, failed: 0, warned: 0, skipped: 0 },
    };
    const text = formatConsoleReport(passing, NO_COLOR);
    expect(text).not.toContain('Failures');
    expect(text).not.toContain('\u001b[');
  });
});

describe('choosePalette', () => {
  const colored = (options: Parameters<typeof choosePalette>[0]) => choosePalette(options).red('x') !== 'x';

  it('colours only a terminal, never with --no-color, NO_COLOR or TERM=dumb', () => {
    expect(colored({ isTTY: true, noColorFlag: false, env: {} })).toBe(true);
    expect(colored({ isTTY: false, noColorFlag: false, env: {} })).toBe(false);
    expect(colored({ isTTY: true, noColorFlag: true, env: {} })).toBe(false);
    expect(colored({ isTTY: true, noColorFlag: false, env: { NO_COLOR: '1' } })).toBe(false);
    expect(colored({ isTTY: true, noColorFlag: false, env: { NO_COLOR: '' } })).toBe(true);
    expect(colored({ isTTY: true, noColorFlag: false, env: { TERM: 'dumb' } })).toBe(false);
  });

  it('keeps the table aligned when coloured', () => {
    const palette = choosePalette({ isTTY: true, noColorFlag: false, env: {} });
    // eslint-disable-next-line no-control-regex -- stripping ANSI escapes
    const strip = (line: string) => line.replace(/\u001b\[\d+m/g, '');
    expect(formatTable(report.results, palette).map(strip)).toEqual(formatTable(report.results));
  });
});
