/**
 * The contract suite as vitest tests: the only module of the package that imports vitest (an optional peer
 * dependency). Import it from `imagegen-mock/contract`.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { readVersion } from '../version.js';
import { selectChecks } from './checks/catalogue.js';
import { runContract } from './engine/run-contract.js';
import type { CheckResult, ContractEvent, ContractOptions, ContractReport } from './engine/types.js';
import { renderHtmlReport, reportPathProblem, writeReportFile } from './write-report.js';

export interface ContractSuiteOptions extends ContractOptions {
  /** The `describe` block's name; default `images contract: <model> at <base URL>`. */
  name?: string;
  /** Bound on the whole run, which happens once in `beforeAll`. Default 30 minutes. */
  runTimeoutMs?: number;
  /** Progress as it happens, e.g. to log slow requests against a real provider. */
  onEvent?: (event: ContractEvent) => void;
  /**
   * Also write the HTML report (as `imagegen-mock contract --html` does) to this file once the run is over,
   * failed checks or not, e.g. `reports/contract.html`; its folder is made when missing.
   */
  htmlReport?: string;
}

/** Long enough for a full plan against a real provider at the default 300 s per generating request. */
const DEFAULT_RUN_TIMEOUT_MS = 30 * 60_000;

/** Scaling down the pictures of a large run (4K PNGs decode in about a second each) outlasts vitest's 10 s. */
const REPORT_TIMEOUT_MS = 120_000;

/**
 * Registers the contract suite in the calling test file: one `describe`, one `it` per check. The provider
 * is exercised once, in `beforeAll` (the checks share requests); each test then asserts its own check. A
 * failed MUST check fails its test with the reason and a curl command that reproduces it; a SHOULD check
 * that failed passes with a `console.warn`; a skipped check is skipped with its reason. A provider that
 * cannot be reached fails the `beforeAll`, and with it every test.
 *
 * @example
 * // provider.contract.test.ts
 * import { defineContractSuite } from 'imagegen-mock/contract';
 *
 * defineContractSuite({
 *   provider: { kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: process.env.OPENAI_API_KEY },
 *   model: 'gpt-image-1-mini',
 *   htmlReport: 'reports/contract.html',
 * });
 */
export function defineContractSuite(options: ContractSuiteOptions): void {
  const { name, runTimeoutMs = DEFAULT_RUN_TIMEOUT_MS, onEvent, htmlReport, ...contractOptions } = options;
  const checks = selectChecks(options.only, options.skip);
  if (htmlReport !== undefined && (htmlReport.trim() === '' || htmlReport === '-')) {
    throw new TypeError(`defineContractSuite: htmlReport needs a file path, got '${htmlReport}'`);
  }

  describe(name ?? `images contract: ${options.model} at ${options.provider.baseUrl}`, () => {
    let report: ContractReport | undefined;
    beforeAll(async () => {
      if (htmlReport !== undefined) {
        // A path that cannot be written to is found before the provider is paid for anything.
        const problem = await reportPathProblem(htmlReport);
        if (problem !== undefined) throw new TypeError(`defineContractSuite: htmlReport ${problem}`);
      }
      report = await runContract(contractOptions, {
        ...(onEvent ? { onEvent } : {}),
        keepImages: htmlReport !== undefined,
      });
    }, runTimeoutMs);
    // After the checks, so that a file that cannot be written fails the suite, not each check.
    afterAll(async () => {
      if (htmlReport !== undefined && report !== undefined) {
        await writeReportFile(htmlReport, await renderHtmlReport(report, readVersion()));
      }
    }, REPORT_TIMEOUT_MS);

    for (const check of checks) {
      it(`${check.id} (${check.severity.toUpperCase()}): ${check.title}`, async (context) => {
        const result = report?.results.find((candidate) => candidate.id === check.id);
        if (result === undefined) throw new Error(`the contract run reported nothing for ${check.id}`);
        switch (result.status) {
          case 'pass':
            return;
          case 'skip':
            context.skip(result.reason);
            return;
          case 'warn':
            console.warn(`contract warning: ${check.id} (SHOULD): ${result.reason}`);
            // `annotate` arrived in vitest 3.2; the peer range starts at 3.0.
            if (typeof context.annotate === 'function') await context.annotate(result.reason, 'warning');
            return;
          case 'fail':
            throw failure(result);
        }
      });
    }
  });
}

function failure(result: CheckResult): Error {
  const lines = [`${result.id} (${result.severity.toUpperCase()}): ${result.reason}`];
  if (result.repro !== undefined) lines.push('', 'reproduce with:', result.repro);
  const error = new Error(lines.join('\n'));
  error.name = 'ContractCheckFailed';
  // The adapter's own frames say nothing about the provider.
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
