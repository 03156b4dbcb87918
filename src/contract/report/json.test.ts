import { describe, expect, it } from 'vitest';
import type { ContractReport } from '../engine/types.js';
import { formatJsonReport } from './json.js';

const report: ContractReport = {
  model: 'dall-e-2',
  provider: 'openai',
  baseUrl: 'http://127.0.0.1:4010/v1',
  startedAt: '2026-01-02T03:04:05.000Z',
  durationMs: 4321,
  billableImages: 1,
  estimatedCostUsd: 0.016,
  billedImages: 0,
  billedCostUsd: 0,
  results: [
    {
      id: 'response.schema',
      title: 't',
      severity: 'must',
      status: 'fail',
      reason: 'r',
      durationMs: 5,
      repro: 'curl',
    },
  ],
  summary: { passed: 0, failed: 1, warned: 0, skipped: 0 },
};

describe('formatJsonReport', () => {
  it('is the report as is, plus the version first', () => {
    const text = formatJsonReport(report, '1.2.3');
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)[0]).toBe('version');
    expect(parsed).toEqual({ version: '1.2.3', ...report });
  });

  it('leaves out the images a run kept for the HTML report', () => {
    const image = {
      purpose: 'generate.b64',
      index: 0,
      count: 1,
      request: { method: 'POST' as const, url: 'http://127.0.0.1:4010/v1/images/generations' },
      asked: { n: 1, size: '256x256', responseFormat: 'b64_json' as const },
      source: 'b64_json' as const,
      bytes: Buffer.alloc(4096),
      problems: [],
    };
    const text = formatJsonReport({ ...report, images: [image] }, '1.2.3');
    expect(JSON.parse(text)).toEqual({ version: '1.2.3', ...report });
    expect(text.length).toBeLessThan(1000);
  });
});
