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
 * A row of the report. With a baseline, the ratio of the medians is held to the target; without one, ours
 * (its median, or its p99 with `stat: 'p99'`) is, in its unit. Without a target it is printed, not judged;
 * with `skipped`, only the reason is printed.
 *
 * @typedef {object} Metric
 * @property {string} id
 * @property {string} name
 * @property {string} unit
 * @property {number[]} ours samples
 * @property {'median' | 'p99' | 'max'} [stat] of ours; default median
 * @property {string} [baselineName]
 * @property {number[]} [baseline] samples
 * @property {'ours/baseline' | 'baseline/ours'} [ratioOf]
 * @property {Target} [target]
 * @property {string} [skipped] why it was not measured
 */

/** @param {readonly number[]} values */
export function median(values) {
  return quantile(values, 0.5);
}

/**
 * The q-quantile by linear interpolation between the closest ranks (q = 0.5 is the median).
 *
 * @param {readonly number[]} values
 * @param {number} q
 */
export function quantile(values, q) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] ?? low;
  return low + (high - low) * (position - below);
}

/** @param {readonly number[]} values @param {'median' | 'p99' | 'max'} stat */
const statOf = (values, stat) =>
  stat === 'max' ? Math.max(...values) : quantile(values, stat === 'p99' ? 0.99 : 0.5);

/** @param {Metric} metric */
export function summarize(metric) {
  const ours = metric.skipped === undefined ? statOf(metric.ours, metric.stat ?? 'median') : Number.NaN;
  const baseline = metric.baseline === undefined ? undefined : median(metric.baseline);
  const ratio =
    baseline === undefined
      ? undefined
      : metric.ratioOf === 'baseline/ours'
        ? baseline / ours
        : ours / baseline;
  const judged = ratio ?? ours;
  const { target } = metric;
  const met =
    target === undefined || metric.skipped !== undefined
      ? undefined
      : target.op === '>='
        ? judged >= target.value
        : judged <= target.value;
  return { ...metric, values: { ours, baseline }, ratio, met };
}

export function machine() {
  const cpus = os.cpus();
  return { node: process.version, cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length };
}

/** @param {number} value */
function formatNumber(value) {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  if (value >= 1000) return value.toFixed(0);
  if (value >= 100) return value.toFixed(1);
  return value.toFixed(2);
}

/** `1` -> `1.0`, `0.4` -> `0.4`, `10` -> `10`: targets read as ratios. */
function formatTarget(/** @type {number} */ value) {
  return Number.isInteger(value) && value < 10 ? value.toFixed(1) : String(value);
}

/**
 * The printed report: machine, one row per metric, the notes of the run (soak details...), a reminder about
 * noise.
 *
 * @param {ReturnType<typeof summarize>[]} results
 * @param {{ quick: boolean, notes?: string[] }} options
 */
export function formatReport(results, { quick, notes = [] }) {
  const { node, cpu, cores } = machine();
  const header = ['metric', 'ours', 'baseline (median)', 'ratio', 'target', 'status'];
  const rows = results.map((result) => {
    if (result.skipped !== undefined) return [result.name, `skipped: ${result.skipped}`, '', '', '', '-'];
    const stat = result.stat === undefined || result.stat === 'median' ? '' : ` ${result.stat}`;
    const target = result.target;
    return [
      result.name,
      `${formatNumber(result.values.ours)} ${result.unit}${stat}`,
      result.values.baseline === undefined
        ? '-'
        : `${result.baselineName ?? ''} ${formatNumber(result.values.baseline)} ${result.unit}`,
      result.ratio === undefined
        ? '-'
        : `${formatNumber(result.ratio)} (${(result.ratioOf ?? 'ours/baseline').replace('baseline', 'base')})`,
      target === undefined
        ? '-'
        : `${target.op} ${formatTarget(target.value)}${result.ratio === undefined ? ` ${result.unit}` : ''}` +
          `${target.note ? ` (${target.note})` : ''}`,
      result.met === undefined ? '-' : result.met ? 'met' : 'MISSED',
    ];
  });
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
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
    ...(notes.length > 0 ? ['', ...notes] : []),
    '',
    'Numbers are medians unless marked, on a shared, noisy machine: compare ratios within one run, not across runs.',
  ].join('\n');
}

/**
 * The JSON written by `--json <file>`.
 *
 * @param {ReturnType<typeof summarize>[]} results
 * @param {{ quick: boolean, notes?: string[] }} options
 */
export function toJson(results, { quick, notes = [] }) {
  return {
    ...machine(),
    quick,
    metrics: results.map((result) => ({
      id: result.id,
      name: result.name,
      unit: result.unit,
      ...(result.skipped === undefined ? {} : { skipped: result.skipped }),
      ours: { [result.stat ?? 'median']: result.values.ours, samples: result.ours },
      baseline:
        result.baseline === undefined
          ? null
          : { name: result.baselineName, median: result.values.baseline, samples: result.baseline },
      ratio: result.ratio ?? null,
      ratioOf: result.ratioOf ?? null,
      target: result.target ?? null,
      met: result.met ?? null,
    })),
    notes,
  };
}
