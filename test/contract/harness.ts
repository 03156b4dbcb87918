import { expect } from 'vitest';
import { runContract } from '../../src/contract/index.js';
import type { CheckResult, ContractOptions, ContractReport } from '../../src/contract/engine/types.js';
import { startServer, type RunningServer } from '../../src/http/start-server.js';
import { startBrokenProvider, type BrokenProviderOptions, type Deviation } from './broken-provider.js';

/**
 * Runs the contract suite against a broken provider in front of one shared conformant mock, with timeouts
 * small enough for CI: every run is a few dozen loopback requests.
 */

export const API_KEY = 'sk-contract-test';

/** Generous for loopback, far below the real-provider defaults. */
export const FAST_TIMEOUTS = { timeoutMs: 10_000, errorTimeoutMs: 5_000 } as const;

/**
 * How long a test of one or two runs may take: a run is a couple of seconds, but the tests run five at a
 * time, and a busy machine stretches each run several times over.
 */
export const RUN_TEST_TIMEOUT_MS = 60_000;

/** One answer the contract run received, as it came off the wire (bodies already un-gzipped). */
export interface WireRecord {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
}

export interface Run {
  report: ContractReport;
  /** Every answer the run received, image URL fetches included. */
  wire: WireRecord[];
}

export interface Harness {
  run: (
    deviations: readonly Deviation[],
    options?: { contract?: Partial<ContractOptions>; provider?: BrokenProviderOptions },
  ) => Promise<Run>;
  close: () => Promise<void>;
}

/** A fetch that records every answer it hands to the contract suite. */
function recordingFetch(wire: WireRecord[]): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    const response = await fetch(input, init);
    const body = Buffer.from(await response.clone().arrayBuffer());
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    const url = input instanceof Request ? input.url : String(input);
    const method = init?.method ?? 'GET';
    wire.push({
      method,
      url,
      status: response.status,
      headers,
      body,
      durationMs: performance.now() - started,
    });
    return response;
  };
}

export async function startHarness(): Promise<Harness> {
  const upstream: RunningServer = await startServer({
    port: 0,
    host: '127.0.0.1',
    apiKeys: [API_KEY],
    shutdownTimeoutMs: 1_000,
  });
  return {
    run: async (deviations, { contract = {}, provider: providerOptions = {} } = {}) => {
      const provider = await startBrokenProvider(deviations, {
        upstream: upstream.url,
        apiKey: API_KEY,
        ...providerOptions,
      });
      const wire: WireRecord[] = [];
      try {
        const report = await runContract({
          provider: { kind: 'openai', baseUrl: provider.baseUrl, apiKey: API_KEY },
          model: 'dall-e-2',
          // Every dall-e-2 step: four generated images, an edit with and one without mask, a variation.
          maxImages: 7,
          concurrency: 2,
          maxRetries: 0,
          ...FAST_TIMEOUTS,
          fetch: recordingFetch(wire),
          ...contract,
        });
        expect(provider.faults, 'the broken provider itself failed').toEqual([]);
        return { report, wire };
      } finally {
        await provider.close();
      }
    },
    close: () => upstream.close(),
  };
}

export function resultOf(report: ContractReport, id: string): CheckResult | undefined {
  return report.results.find((result) => result.id === id);
}

/** The report as one line per check, for assertion messages. */
export function describeReport(report: ContractReport): string {
  return report.results
    .map((result) => `${result.status.toUpperCase().padEnd(4)} ${result.id}: ${result.reason}`)
    .join('\n');
}
