import type { CheckResult, CheckStatus, ContractReport } from '../engine/types.js';
import { formatImages, formatSeconds, formatSummaryLine, formatUsd, statusLabel } from './console.js';
import { escapeHtml as h } from './html-escape.js';
import { imagesSection } from './html-images.js';
import { HTML_REPORT_CSS } from './html-style.js';
import type { Thumbnail } from './thumbnails.js';

export interface HtmlReportOptions {
  /** The package version that wrote the page. */
  version: string;
  /** One per `report.images` entry, in the same order (`makeThumbnails`); missing ones show as missing. */
  thumbnails?: readonly Thumbnail[];
}

/**
 * Nothing loads from anywhere, no script runs, no form goes out: the page is its own inline style and its
 * `data:` images, so even a hostile string that slipped past escaping could do nothing.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'";

/**
 * The report as one self-contained HTML page, for a CI artifact: the verdict and the run's summary, each
 * failure and warning (failures first) with its whole reason and the curl command that reproduces it (key
 * read from the environment), every check in a table, and the images the provider returned, each with the
 * request it answered. Everything the provider could have influenced is escaped. Pure: the caller makes the
 * thumbnails and writes the file.
 */
export function formatHtmlReport(report: ContractReport, options: HtmlReportOptions): string {
  const verdict = verdictOf(report);
  const target = `${report.model} at ${report.baseUrl} (${report.provider})`;
  const failures = report.results.filter((result) => result.status === 'fail');
  const warnings = report.results.filter((result) => result.status === 'warn');
  const images = report.images ?? [];
  const body = [
    `<header class="verdict ${verdict.status}">`,
    `<h1>Images contract: ${h(verdict.label)}</h1>`,
    `<p class="target">${h(report.model)} at <code>${h(report.baseUrl)}</code> (${h(report.provider)})</p>`,
    `<ul class="counts">${counts(report)}</ul>`,
    `<nav>${navigation(failures.length, warnings.length, images.length)}</nav>`,
    '</header>',
    '<main>',
    summarySection(report),
    findingsSection('failures', 'Failures', failures),
    findingsSection('warnings', 'Warnings', warnings),
    imagesSection(images, options.thumbnails ?? [], report.baseUrl),
    checksSection(report.results),
    '</main>',
    `<footer>Written by imagegen-mock ${h(options.version)}. ${h(formatSummaryLine(report.summary))}.</footer>`,
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta name="generator" content="imagegen-mock ${h(options.version)}">`,
    `<title>${h(`${verdict.label}: images contract, ${target}`)}</title>`,
    `<style>${HTML_REPORT_CSS}</style>`,
    '</head>',
    `<body>`,
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function verdictOf(report: ContractReport): { status: CheckStatus; label: string } {
  if (report.summary.failed > 0) return { status: 'fail', label: 'FAILED' };
  if (report.summary.warned > 0) return { status: 'warn', label: 'PASSED with warnings' };
  return { status: 'pass', label: 'PASSED' };
}

function counts(report: ContractReport): string {
  const { passed, failed, warned, skipped } = report.summary;
  return [
    ['pass', passed, 'passed'],
    ['fail', failed, 'failed'],
    ['warn', warned, 'warned'],
    ['skip', skipped, 'skipped'],
  ]
    .map(([status, count, word]) => `<li><span class="status ${status}">${count}</span> ${word}</li>`)
    .join('');
}

function navigation(failures: number, warnings: number, images: number): string {
  const links = [
    failures > 0 ? `<a href="#failures">Failures</a>` : '',
    warnings > 0 ? `<a href="#warnings">Warnings</a>` : '',
    images > 0 ? `<a href="#images">Images</a>` : '',
    `<a href="#checks">All checks</a>`,
  ];
  return links.filter(Boolean).join('');
}

function summarySection(report: ContractReport): string {
  const rows: [string, string][] = [
    ['Provider', h(report.provider)],
    ['Model', h(report.model)],
    ['Base URL', `<code>${h(report.baseUrl)}</code>`],
    ['Started', h(report.startedAt)],
    ['Duration', h(formatSeconds(report.durationMs))],
    ['Checks', h(formatSummaryLine(report.summary))],
    ['Planned', h(`${formatImages(report.billableImages)}, about ${formatUsd(report.estimatedCostUsd)}`)],
    ['Billed', h(`${formatImages(report.billedImages)}, about ${formatUsd(report.billedCostUsd)}`)],
  ];
  const notes = (report.notes ?? []).map((note) => `<p class="notes">Note: ${h(note)}</p>`);
  return [
    '<section id="summary">',
    '<h2>Summary</h2>',
    `<dl class="summary">${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>`,
    ...notes,
    '</section>',
  ].join('\n');
}

function findingsSection(id: string, title: string, results: readonly CheckResult[]): string {
  if (results.length === 0) return '';
  const items = results.map(
    (result) =>
      `<li class="finding ${result.status}" id="${h(`check-${result.id}`)}">` +
      `<h3><code>${h(result.id)}</code> ${severity(result)} ${status(result.status)}</h3>` +
      `<p class="title">${h(result.title)}</p>` +
      `<p class="reason">${h(result.reason)}</p>` +
      (result.repro === undefined
        ? ''
        : `<p class="label">Reproduce with:</p><pre class="repro"><code>${h(result.repro)}</code></pre>`) +
      '</li>',
  );
  return [
    `<section id="${id}">`,
    `<h2>${title} (${results.length})</h2>`,
    '<ol class="findings">',
    ...items,
    '</ol>',
    '</section>',
  ].join('\n');
}

function checksSection(results: readonly CheckResult[]): string {
  const rows = results.map((result) => {
    const id =
      result.status === 'fail' || result.status === 'warn'
        ? `<a href="#${h(`check-${result.id}`)}"><code>${h(result.id)}</code></a>`
        : `<code>${h(result.id)}</code>`;
    return (
      `<tr class="${result.status}"><td>${id}</td><td>${severity(result)}</td>` +
      `<td>${status(result.status)}</td><td class="reason">${h(result.reason)}</td></tr>`
    );
  });
  return [
    '<section id="checks">',
    `<h2>All checks (${results.length})</h2>`,
    '<table>',
    '<thead><tr><th>check</th><th>severity</th><th>result</th><th>reason</th></tr></thead>',
    '<tbody>',
    ...rows,
    '</tbody>',
    '</table>',
    '</section>',
  ].join('\n');
}

function severity(result: CheckResult): string {
  return `<span class="severity">${h(result.severity.toUpperCase())}</span>`;
}

function status(value: CheckStatus): string {
  return `<span class="status ${value}">${statusLabel(value)}</span>`;
}
