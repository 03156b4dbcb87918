import type { ContractPlan, FormField, PlannedRequest } from '../engine/types.js';
import { formatImages, formatUsd, oneLine } from './console.js';
import { NO_COLOR, type Palette } from './color.js';

export interface PlanFormatOptions {
  /** Masks keys in header values; the engine's `redactHeaders`. */
  redactHeaders: (headers: Record<string, string>) => Record<string, string>;
  /** Describes where the plan goes, e.g. `gpt-image-1-mini at https://api.openai.com/v1 (openai)`. */
  target: string;
  palette?: Palette;
}

/**
 * What `--dry-run` prints: every planned request (method, URL, headers with keys masked, body exactly as it
 * would be sent), the checks that would run, and the number of billable images with their estimated cost.
 * The last line is the cost, so scripts can `tail -1` it.
 */
export function formatPlan(plan: ContractPlan, options: PlanFormatOptions): string {
  const palette = options.palette ?? NO_COLOR;
  const lines = [`Dry run: ${options.target}. Nothing is sent.`];
  plan.requests.forEach((request, index) => {
    const purpose = request.purpose === undefined ? '' : `${request.purpose}: `;
    const head = `${index + 1}) ${purpose}${request.method} ${request.url}`;
    lines.push('', `${palette.bold(head)}  ${palette.dim(bill(request))}`);
    for (const [name, value] of Object.entries(options.redactHeaders(request.headers))) {
      lines.push(`   ${name}: ${value}`);
    }
    const body = request.form ? formatForm(request.form) : formatBody(request.body);
    lines.push(...body.map((line) => `   ${line}`));
  });
  lines.push(
    '',
    ...wrap(
      `${plan.checks.length} checks: `,
      plan.checks.map((check) => check.id),
    ),
  );
  const skipped = plan.skipped ?? [];
  if (skipped.length > 0) {
    lines.push(
      `${skipped.length} skipped:`,
      ...skipped.map((check) => `  ${check.id}: ${oneLine(check.reason)}`),
    );
  }
  for (const note of plan.notes ?? []) lines.push(`Note: ${oneLine(note)}`);
  lines.push(
    `${plan.requests.length} requests, ${formatImages(plan.billableImages)} billable, ` +
      `estimated cost ${formatUsd(plan.estimatedCostUsd)}`,
  );
  return `${lines.join('\n')}\n`;
}

function bill(request: PlannedRequest): string {
  if (request.billableImages === 0) return '(not billed)';
  const size = request.form ? formValue(request.form, 'size') : sizeOf(request.body);
  const at = size === undefined ? '' : ` at ${size}`;
  return `(${formatImages(request.billableImages)}${at}, about ${formatUsd(request.estimatedCostUsd)})`;
}

/** The `size` a JSON body asks for, so the plan shows which shapes it pays for. */
function sizeOf(body: string | undefined): string | undefined {
  try {
    const { size } = JSON.parse(body ?? '') as { size?: unknown };
    return typeof size === 'string' ? size : undefined;
  } catch {
    return undefined;
  }
}

/** A multipart form, a part a line: `prompt: ...`, `image: image.png (image/png, 1234 bytes: what it is)`. */
function formatForm(form: readonly FormField[]): string[] {
  return [
    'multipart/form-data:',
    ...form.map((field) =>
      'value' in field
        ? `  ${field.name}: ${field.value}`
        : `  ${field.name}: ${field.filename} (${field.contentType}, ${field.bytes.length} bytes: ${field.summary})`,
    ),
  ];
}

function formValue(form: readonly FormField[], name: string): string | undefined {
  for (const field of form) if (field.name === name && 'value' in field) return field.value;
  return undefined;
}

function formatBody(body: string | undefined): string[] {
  if (body === undefined) return ['(no body)'];
  if (body === '') return ['(empty body)'];
  return body.split('\n');
}

/** `label` then the words, comma-separated, in lines of at most `width` characters, indented after the first. */
function wrap(label: string, words: readonly string[], width = 110): string[] {
  const lines: string[] = [];
  let line = label.trimEnd();
  words.forEach((word, index) => {
    const text = index < words.length - 1 ? `${word},` : word;
    if (line.length + 1 + text.length > width && line.trim() !== '') {
      lines.push(line);
      line = ' ';
    }
    line += ` ${text}`;
  });
  return [...lines, line];
}
