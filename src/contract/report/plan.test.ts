import { describe, expect, it } from 'vitest';
import type { ContractPlan } from '../engine/types.js';
import { formatPlan } from './plan.js';

const plan: ContractPlan = {
  model: 'gpt-image-1-mini',
  requests: [
    {
      method: 'POST',
      url: 'https://api.openai.com/v1/images/generations',
      headers: { authorization: 'Bearer sk-secret-1234', 'content-type': 'application/json' },
      body: '{"model":"gpt-image-1-mini","prompt":"a lighthouse","n":2,"size":"1536x1024","quality":"low"}',
      billableImages: 2,
      estimatedCostUsd: 0.01,
      purpose: 'generate.b64',
    },
    {
      method: 'POST',
      url: 'https://api.openai.com/v1/images/generations',
      headers: { authorization: 'Bearer sk-secret-1234', 'content-type': 'application/json' },
      body: '',
      billableImages: 0,
      estimatedCostUsd: 0,
    },
  ],
  checks: [
    { id: 'response.schema', title: 't', severity: 'must' },
    { id: 'reject.empty-body', title: 't', severity: 'must' },
  ],
  billableImages: 2,
  estimatedCostUsd: 0.01,
  skipped: [
    { id: 'image.distinct', title: 't', severity: 'must', reason: 'needs n=2,\nover --max-images 1' },
  ],
  notes: ['model not in the table'],
};

const redactHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      name === 'authorization' ? 'Bearer sk-…1234' : value,
    ]),
  );

describe('formatPlan', () => {
  const text = formatPlan(plan, {
    redactHeaders,
    target: 'gpt-image-1-mini at https://api.openai.com/v1 (openai)',
  });

  it('prints every request with masked headers and its body as sent', () => {
    expect(text).toBe(
      [
        'Dry run: gpt-image-1-mini at https://api.openai.com/v1 (openai). Nothing is sent.',
        '',
        '1) generate.b64: POST https://api.openai.com/v1/images/generations  (2 images at 1536x1024, about $0.010)',
        '   authorization: Bearer sk-…1234',
        '   content-type: application/json',
        '   {"model":"gpt-image-1-mini","prompt":"a lighthouse","n":2,"size":"1536x1024","quality":"low"}',
        '',
        '2) POST https://api.openai.com/v1/images/generations  (not billed)',
        '   authorization: Bearer sk-…1234',
        '   content-type: application/json',
        '   (empty body)',
        '',
        '2 checks: response.schema, reject.empty-body',
        '1 skipped:',
        '  image.distinct: needs n=2, over --max-images 1',
        'Note: model not in the table',
        '2 requests, 2 images billable, estimated cost $0.010',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('sk-secret');
  });

  it('wraps a long list of checks at 110 columns', () => {
    const checks = Array.from({ length: 30 }, (_, index) => ({
      id: `reject.case-number-${index}`,
      title: 't',
      severity: 'must' as const,
    }));
    const lines = formatPlan({ ...plan, checks }, { redactHeaders, target: 'x' }).split('\n');
    const first = lines.findIndex((line) => line.startsWith('30 checks: reject.case-number-0,'));
    const listed = lines.slice(
      first,
      lines.findIndex((line) => line === '1 skipped:'),
    );
    expect(listed.length).toBeGreaterThan(5);
    expect(listed.every((line) => line.length <= 110)).toBe(true);
    expect(listed.slice(1).every((line) => line.startsWith('  reject.'))).toBe(true);
    expect(listed.join(' ').replace(/\s+/g, ' ')).toBe(
      `30 checks: ${checks.map((check) => check.id).join(', ')}`,
    );
  });
});
