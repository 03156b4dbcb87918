/** ANSI styling for the console reporters; every function is the identity when colour is off. */
export interface Palette {
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
}

const plain = (text: string): string => text;

const style =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`;

export const NO_COLOR: Palette = { red: plain, green: plain, yellow: plain, dim: plain, bold: plain };

const ANSI: Palette = {
  red: style(31, 39),
  green: style(32, 39),
  yellow: style(33, 39),
  dim: style(2, 22),
  bold: style(1, 22),
};

/** Colour only on a terminal, and never with `--no-color` or a non-empty `NO_COLOR` (no-color.org). */
export function choosePalette(options: {
  isTTY: boolean;
  noColorFlag: boolean;
  env: Readonly<Record<string, string | undefined>>;
}): Palette {
  const disabled = options.noColorFlag || (options.env.NO_COLOR ?? '') !== '' || options.env.TERM === 'dumb';
  return options.isTTY && !disabled ? ANSI : NO_COLOR;
}
