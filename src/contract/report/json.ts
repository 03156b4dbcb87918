import type { ContractReport } from '../engine/types.js';

/**
 * The JSON report: the ContractReport as the runner returns it, plus the package `version` that made it.
 * The images a run may keep for the HTML report are left out: they are bytes, not findings.
 */
export type JsonReport = { version: string } & Omit<ContractReport, 'images'>;

export function formatJsonReport(report: ContractReport, version: string): string {
  const json: JsonReport & { images?: unknown } = { version, ...report };
  delete json.images;
  return `${JSON.stringify(json, null, 2)}\n`;
}
