import type { CheckResult, CheckStatus, ContractReport, ContractSummary } from '../engine/types.js';
import { NO_COLOR, type Palette } from './color.js';

/** The longest reason the table shows; the failure details below it show the whole text. */
const TABLE_REASON_MAX = 120;

const STATUS_LABEL: Record<CheckStatus, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };

/** The last line of every run, passed and failed first: `N passed, N failed, N warned, N skipped`. */
export function formatSummaryLine(summary: ContractSummary): string {
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.warned} warned, ${summary.skipped} skipped`;
}

/**
 * The report for a person: a table of every check, then each failure and warning with its whole reason and
 * a curl command that reproduces it, then the cost and the summary line (always the last line).
 */
export function formatConsoleReport(report: ContractReport, palette: Palette = NO_COLOR): string {
  const lines = [
    '',
    ...formatTable(report.results, palette),
    ...formatDetails('Failures', 'fail', report.results, palette),
    ...formatDetails('Warnings', 'warn', report.results, palette),
    '',
    ...(report.notes ?? []).map((note) => `Note: ${oneLine(note)}`),
    palette.dim(
      `${report.model} at ${report.baseUrl} (${report.provider}): ${formatImages(report.billedImages)} ` +
        `billed, about ${formatUsd(report.billedCostUsd)}, in ${formatSeconds(report.durationMs)}`,
    ),
    formatSummaryLine(report.summary),
  ];
  return `${lines.join('\n')}\n`;
}

/** One row per check: id, severity, result, a one-line reason. Padded before colouring so columns align. */
export function formatTable(results: readonly CheckResult[], palette: Palette = NO_COLOR): string[] {
  const header = ['check', 'severity', 'result', 'reason'] as const;
  const idWidth = Math.max(header[0].length, ...results.map((result) => result.id.length));
  const severityWidth = header[1].length;
  const statusWidth = header[2].length;
  const row = (id: string, severity: string, status: string, reason: string): string =>
    `${id}  ${severity}  ${status}  ${reason}`.trimEnd();
  return [
    palette.bold(
      row(
        header[0].padEnd(idWidth),
        header[1].padEnd(severityWidth),
        header[2].padEnd(statusWidth),
        header[3],
      ),
    ),
    ...results.map((result) =>
      row(
        result.id.padEnd(idWidth),
        result.severity.toUpperCase().padEnd(severityWidth),
        paintStatus(result.status, STATUS_LABEL[result.status].padEnd(statusWidth), palette),
        truncate(oneLine(result.reason), TABLE_REASON_MAX),
      ),
    ),
  ];
}

function formatDetails(
  title: string,
  status: CheckStatus,
  results: readonly CheckResult[],
  palette: Palette,
): string[] {
  const matching = results.filter((result) => result.status === status);
  if (matching.length === 0) return [];
  const lines = ['', paintStatus(status, title, palette)];
  matching.forEach((result, index) => {
    lines.push(
      '',
      `${index + 1}) ${result.id} (${result.severity.toUpperCase()}): ${oneLine(result.reason)}`,
    );
    if (result.repro !== undefined) {
      lines.push(palette.dim('   reproduce with:'), ...result.repro.split('\n').map((line) => `   ${line}`));
    }
  });
  return lines;
}

export function paintStatus(status: CheckStatus, text: string, palette: Palette): string {
  switch (status) {
    case 'pass':
      return palette.green(text);
    case 'fail':
      return palette.red(text);
    case 'warn':
      return palette.yellow(text);
    case 'skip':
      return palette.dim(text);
  }
}

export function statusLabel(status: CheckStatus): string {
  return STATUS_LABEL[status];
}

/** Reasons may quote provider bodies: collapse every run of whitespace, newlines included. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function formatUsd(usd: number): string {
  return `$${usd.toFixed(3)}`;
}

export function formatImages(count: number): string {
  return `${count} image${count === 1 ? '' : 's'}`;
}
