/** Medians, ratios against targets, and the printed table. */
import os from 'node:os';
import process from 'node:process';

/**
 * @typedef {object} Target
 * @property {'>=' | '<='} op
 * @property {number} value
 * @property {string} [note] e.g. `aim 1.3`
 */

/**
 * @typedef {object} Metric
 * @property {string} id
 * @property {string} name
 * @property {string} unit
 * @property {number[]} ours samples
 * @property {string} baselineName
 * @property {number[]} baseline samples
 * @property {'ours/baseline' | 'baseline/ours'} ratioOf
 * @property {Target} target
 */

/** @param {readonly number[]} values */
export function median(values) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? /** @type {number} */ (sorted[middle])
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** @param {Metric} metric */
export function summarize(metric) {
  const ours = median(metric.ours);
  const baseline = median(metric.baseline);
  const ratio = metric.ratioOf === 'ours/baseline' ? ours / baseline : baseline / ours;
  const met = metric.target.op === '>=' ? ratio >= metric.target.value : ratio <= metric.target.value;
  return { ...metric, medians: { ours, baseline }, ratio, met };
}

export function machine() {
  const cpus = os.cpus();
  return { node: process.version, cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length };
}

/** @param {number} value */
function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (value >= 1000) return value.toFixed(0);
  if (value >= 100) return value.toFixed(1);
  return value.toFixed(2);
}

/** `1` -> `1.0`, `0.4` -> `0.4`, `10` -> `10`: targets read as ratios. */
function formatTarget(/** @type {number} */ value) {
  return Number.isInteger(value) && value < 10 ? value.toFixed(1) : String(value);
}

/**
 * The printed report: machine, one row per metric, a reminder about noise.
 *
 * @param {ReturnType<typeof summarize>[]} results
 * @param {{ quick: boolean }} options
 */
export function formatReport(results, { quick }) {
  const { node, cpu, cores } = machine();
  const header = ['metric', 'ours (median)', 'baseline (median)', 'ratio', 'target', 'status'];
  const rows = results.map((result) => [
    result.name,
    `${formatNumber(result.medians.ours)} ${result.unit}`,
    `${result.baselineName} ${formatNumber(result.medians.baseline)} ${result.unit}`,
    `${formatNumber(result.ratio)} (${result.ratioOf.replace('baseline', 'base')})`,
    `${result.target.op} ${formatTarget(result.target.value)}${result.target.note ? ` (${result.target.note})` : ''}`,
    result.met ? 'met' : 'MISSED',
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `imagegen-mock benchmark${quick ? ' (--quick: fewer rounds, smoke run only)' : ''}`,
    `Node ${node}, ${cpu}, ${cores} cores`,
    '',
    line(header),
    line(widths.map((width) => '-'.repeat(width))),
    ...rows.map(line),
    '',
    'Numbers are medians on a shared, noisy machine: compare ratios within one run, not across runs.',
  ].join('\n');
}

/**
 * The JSON written by `--json <file>`.
 *
 * @param {ReturnType<typeof summarize>[]} results
 * @param {{ quick: boolean }} options
 */
export function toJson(results, { quick }) {
  return {
    ...machine(),
    quick,
    metrics: results.map((result) => ({
      id: result.id,
      name: result.name,
      unit: result.unit,
      ours: { median: result.medians.ours, samples: result.ours },
      baseline: { name: result.baselineName, median: result.medians.baseline, samples: result.baseline },
      ratio: result.ratio,
      ratioOf: result.ratioOf,
      target: result.target,
      met: result.met,
    })),
  };
}
