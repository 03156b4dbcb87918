import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../http/start-server.js';
import { ContractConnectionError } from './contract-error.js';
import { planContract } from './plan.js';
import { toCurl } from './redact.js';
import { runContract } from './run-contract.js';
import type { ContractEvent, ContractOptions, ContractReport } from './types.js';

const API_KEY = 'sk-contract-test';
let mock: RunningServer;

beforeAll(async () => {
  mock = await startServer({ port: 0, host: '127.0.0.1', apiKeys: [API_KEY] });
});
afterAll(async () => {
  await mock.close();
});

const options = (model: string, extra: Partial<ContractOptions> = {}): ContractOptions => ({
  provider: { kind: 'openai', baseUrl: `${mock.url}/v1`, apiKey: API_KEY },
  model,
  ...extra,
});

const notPassed = (report: ContractReport): string[] =>
  report.results
    .filter((result) => result.status === 'fail' || result.status === 'warn')
    .map((result) => `${result.id}: ${result.reason}`);
const result = (report: ContractReport, id: string) =>
  report.results.find((candidate) => candidate.id === id);

describe('runContract against our own mock', () => {
  it.each(['dall-e-2', 'dall-e-3', 'gpt-image-1'])('passes every check with %s', async (model) => {
    const events: ContractEvent[] = [];
    const report = await runContract(options(model, { expectDeterministic: true, maxImages: 5 }), {
      onEvent: (event) => events.push(event),
    });
    expect(notPassed(report)).toEqual([]);
    expect(result(report, 'determinism')?.status).toBe('pass');
    expect(result(report, 'response.schema')?.status).toBe('pass');
    expect(report.summary.failed).toBe(0);
    expect(report.billableImages).toBeLessThanOrEqual(5);

    // Each check starts once, before it ends; each result is reported once, in catalogue order.
    const starts = events.flatMap((event) => (event.type === 'check-start' ? [event.check.id] : []));
    const ends = events.flatMap((event) => (event.type === 'check-end' ? [event.result.id] : []));
    expect([...starts].sort()).toEqual([...ends].sort());
    expect(new Set(ends).size).toBe(ends.length);
    for (const id of ends) expect(starts.indexOf(id)).toBeLessThan(events.length);
    expect(report.results.map((check) => check.id).sort()).toEqual([...ends].sort());
  });

  it('checks url answers of dall-e-2 by fetching them, and skips them for b64-only models', async () => {
    const dalle = await runContract(options('dall-e-2', { only: ['image.url-fetch', 'image.valid'] }));
    expect(result(dalle, 'image.url-fetch')).toMatchObject({ status: 'pass' });
    const gpt = await runContract(options('gpt-image-1', { only: ['image.url-fetch'] }));
    expect(result(gpt, 'image.url-fetch')).toMatchObject({
      status: 'skip',
      reason: expect.stringMatching(/b64_json only/) as string,
    });
    expect(gpt.billableImages).toBe(0);
  });

  it('ends a request at its timeout with a clear reason and a warning, rather than hanging', async () => {
    const plan = await planContract(options('dall-e-2'));
    const slowBody = plan.requests.find((request) => request.purpose === 'generate.n2')?.body;
    const stalling = ((url: string | URL | Request, init?: RequestInit) => {
      if (init?.body !== slowBody) return fetch(url, init);
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    }) as typeof fetch;
    const started = performance.now();
    const report = await runContract(options('dall-e-2', { fetch: stalling, timeoutMs: 300 }));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result(report, 'timing.timeout')).toMatchObject({
      status: 'warn',
      reason: expect.stringMatching(/generate.n2: no answer within 300 ms/) as string,
    });
    const schema = result(report, 'response.schema');
    expect(schema).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/no answer within 300 ms/) as string,
    });
    expect(schema?.repro).toContain('$OPENAI_API_KEY');
    expect(schema?.repro).not.toContain(API_KEY);
    expect(result(report, 'image.valid')?.status).toBe('pass');
  });

  it('reproduces a request with curl exactly as the run sent it', async () => {
    const plan = await planContract(options('dall-e-2', { only: ['reject.n-zero'] }));
    const [request] = plan.requests;
    const curl = (() => {
      try {
        return execFileSync('/bin/sh', ['-c', 'command -v curl'], { encoding: 'utf8' }).trim();
      } catch {
        return '';
      }
    })();
    if (!request || curl === '') return;
    // Asynchronously: the mock answering curl runs in this very process.
    const { stdout: output } = await promisify(execFile)('/bin/sh', ['-c', toCurl(request)], {
      env: { PATH: process.env.PATH ?? '', OPENAI_API_KEY: API_KEY },
      encoding: 'utf8',
      timeout: 10_000,
    });
    expect(output).toMatch(/^HTTP\/1\.1 400/);
    expect(output).toContain('"code": "integer_below_min_value"');
  });

  it('plans a model the table does not know conservatively and reports the notes', async () => {
    const report = await runContract(options('mystery-model', { only: ['response.schema', 'reject.'] }));
    expect(report.notes?.join()).toMatch(/not in the model table/);
    // The mock knows no such model and says so: the reason carries the provider's own message.
    expect(result(report, 'response.schema')?.reason).toMatch(
      /400: The model 'mystery-model' does not exist/,
    );
    expect(result(report, 'reject.size-unsupported')?.status).toBe('skip');
  });

  it('throws ContractConnectionError when nothing listens at the base URL', async () => {
    const closed = await startServer({ port: 0, host: '127.0.0.1' });
    await closed.close();
    const unreachable = {
      provider: { kind: 'openai' as const, baseUrl: `${closed.url}/v1`, apiKey: API_KEY },
      model: 'dall-e-2',
    };
    await expect(runContract(unreachable)).rejects.toThrow(ContractConnectionError);
    await expect(runContract({ ...unreachable, only: ['reject.'] })).rejects.toThrow(/cannot reach/);
  });
});
