import type { ContractReport } from '../engine/types.js';

/** The JSON report: the ContractReport exactly as the runner returns it, plus the package `version` that made it. */
export type JsonReport = { version: string } & ContractReport;

export function formatJsonReport(report: ContractReport, version: string): string {
  const json: JsonReport = { version, ...report };
  return `${JSON.stringify(json, null, 2)}\n`;
}
