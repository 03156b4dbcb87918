import type { CheckResult, ContractReport } from '../engine/types.js';

/**
 * The report as JUnit XML for CI: one testsuite, one testcase per check (classname is the id's first
 * segment, `response`, `image`, `reject`...), `<failure>` with the reason and the curl repro for a failed
 * MUST check, `<skipped>` for a skipped one, and a warning as a passing testcase whose `<system-out>` says why.
 */
export function formatJunit(report: ContractReport): string {
  const { summary } = report;
  const suite = `imagegen-mock contract: ${report.model} at ${report.baseUrl}`;
  const counts =
    `tests="${report.results.length}" failures="${summary.failed}" errors="0" ` +
    `skipped="${summary.skipped}" time="${seconds(report.durationMs)}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(suite)}" ${counts}>`,
    `  <testsuite name="${escapeXml(suite)}" ${counts} timestamp="${escapeXml(report.startedAt)}">`,
    '    <properties>',
    ...[
      ['provider', report.provider],
      ['model', report.model],
      ['baseUrl', report.baseUrl],
      ['billableImages', String(report.billableImages)],
      ['estimatedCostUsd', String(report.estimatedCostUsd)],
      ['billedImages', String(report.billedImages)],
      ['billedCostUsd', String(report.billedCostUsd)],
      ['warned', String(summary.warned)],
    ].map(
      ([name = '', value = '']) => `      <property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`,
    ),
    '    </properties>',
    ...report.results.map(formatTestcase),
    '  </testsuite>',
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function formatTestcase(result: CheckResult): string {
  const open =
    `    <testcase classname="${escapeXml(classname(result.id))}" name="${escapeXml(result.id)}" ` +
    `time="${seconds(result.durationMs)}"`;
  const details = [`${result.title}`, `severity: ${result.severity.toUpperCase()}`, result.reason];
  if (result.repro !== undefined) details.push('', 'reproduce with:', result.repro);
  const text = escapeXml(details.join('\n'), 'content');
  switch (result.status) {
    case 'pass':
      return `${open}/>`;
    case 'skip':
      return `${open}>\n      <skipped message="${escapeXml(result.reason)}"/>\n    </testcase>`;
    case 'warn':
      return `${open}>\n      <system-out>WARNING ${text}</system-out>\n    </testcase>`;
    case 'fail':
      return (
        `${open}>\n      <failure message="${escapeXml(result.reason)}" type="${result.severity.toUpperCase()}">` +
        `${text}</failure>\n    </testcase>`
      );
  }
}

function classname(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** Characters XML 1.0 cannot carry at all: controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\n': '&#10;',
  '\r': '&#13;',
  '\t': '&#9;',
};

/**
 * Escapes `<&>"'` for element content or a quoted attribute. Characters XML cannot carry, which a provider's
 * body quoted in a reason may hold, become U+FFFD. In attributes, tab and newlines become character
 * references so they survive attribute-value normalisation; in content they stay as they are (a carriage
 * return is always a reference, or a parser would turn it into a newline).
 */
export function escapeXml(text: string, context: 'attribute' | 'content' = 'attribute'): string {
  const special = context === 'attribute' ? /[&<>"'\n\r\t]/g : /[&<>"'\r]/g;
  return text.replace(NOT_XML, '\ufffd').replace(special, (char) => ENTITIES[char] ?? char);
}
