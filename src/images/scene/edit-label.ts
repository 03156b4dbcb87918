/** What an edited or varied picture's label says first, in place of a generation's prompt. */
export interface EditCaption {
  readonly kind: 'edit' | 'variation';
  readonly prompt: string;
  readonly inputCount: number;
  readonly index: number;
}

/**
 * The text of an edit's label, e.g. `EDIT | 3 INPUTS | a red fox`, or of a variation's,
 * `VARIATION #2` (1-based, like the image number of a generation's label). The label lays it out
 * like a generation's prompt (label.ts): an excerpt, wrapped, over the size/quality/style line.
 */
export function captionEdit(caption: EditCaption): string {
  const { kind, prompt, inputCount, index } = caption;
  if (kind === 'variation') return `VARIATION #${index + 1}`;
  return `EDIT | ${inputCount} INPUT${inputCount === 1 ? '' : 'S'} | ${prompt}`;
}
