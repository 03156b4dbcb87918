import type { CheckResult, ContractSummary } from './types.js';

/** Counts results by status: a failed SHOULD check is a warning, never a failure. */
export function summarize(results: readonly CheckResult[]): ContractSummary {
  const count = (status: CheckResult['status']): number =>
    results.filter((result) => result.status === status).length;
  return { passed: count('pass'), failed: count('fail'), warned: count('warn'), skipped: count('skip') };
}
