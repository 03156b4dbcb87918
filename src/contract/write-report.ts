import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ContractReport } from './engine/types.js';
import { formatHtmlReport } from './report/html.js';
import { makeThumbnails } from './report/thumbnails.js';

/**
 * The HTML report of a run, thumbnails made: what `--html` and the vitest adapter's `htmlReport` write.
 * The run must have kept its images (`runContract(options, { keepImages: true })`) for the page to show them.
 */
export async function renderHtmlReport(report: ContractReport, version: string): Promise<string> {
  const thumbnails = await makeThumbnails(report.images ?? []);
  return formatHtmlReport(report, { version, thumbnails });
}

/** Writes a report file, making its folder first. */
export async function writeReportFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/**
 * Why a report path cannot be written to, before anything is spent: `-` (the reports are files, and
 * stdout already carries the table), or a path that ends in a separator or names an existing folder.
 * Undefined when it looks writable; the write itself may still fail (permissions, a full disk).
 */
export async function reportPathProblem(path: string): Promise<string | undefined> {
  if (path.trim() === '') return 'needs a file path';
  if (path === '-') return "writes a file; '-' (stdout) is not supported";
  if (/[\\/]$/.test(path)) return `needs a file path, not a folder: '${path}'`;
  try {
    if ((await stat(path)).isDirectory()) return `names a folder, not a file: '${path}'`;
  } catch {
    // Not there yet: it will be created.
  }
  return undefined;
}
