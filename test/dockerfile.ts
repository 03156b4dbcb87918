/** One instruction of a Dockerfile, continuation lines joined: `COPY --from=build /app/dist ./dist`. */
export interface Instruction {
  name: string;
  /** Everything after the name, as written. */
  args: string;
  /** The index of the stage (FROM) it belongs to. */
  stage: number;
}

/** The instructions of a Dockerfile, in order (comments and blank lines dropped). */
export function parseDockerfile(text: string): Instruction[] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  let stage = -1;
  return logical.map((line) => {
    const [, name = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (name.toUpperCase() === 'FROM') stage++;
    return { name: name.toUpperCase(), args: args.trim(), stage };
  });
}

/** An exec-form argument list (`["node", "dist/cli.js"]`); throws for the shell form, which we do not use. */
export function execForm(args: string): string[] {
  const parsed = JSON.parse(args) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'string')) {
    throw new Error(`not an exec-form list: ${args}`);
  }
  return parsed;
}

/** `--interval=10s --retries=3 CMD [...]` -> its options and command. */
export function parseHealthcheck(args: string): { options: Record<string, string>; command: string[] } {
  const options: Record<string, string> = {};
  let rest = args;
  for (let match = /^--([\w-]+)=(\S+)\s+/.exec(rest); match; match = /^--([\w-]+)=(\S+)\s+/.exec(rest)) {
    options[match[1] ?? ''] = match[2] ?? '';
    rest = rest.slice(match[0].length);
  }
  if (!rest.startsWith('CMD ')) throw new Error(`HEALTHCHECK without CMD: ${args}`);
  return { options, command: execForm(rest.slice(4)) };
}

/** `A=1 B=two` -> { A: '1', B: 'two' } (unquoted values only). */
export function parseEnv(args: string): Record<string, string> {
  return Object.fromEntries(
    args.split(/\s+/).map((pair) => {
      const at = pair.indexOf('=');
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}

/** `COPY --from=build /app/dist ./dist` -> { from: 'build', sources: ['/app/dist'], target: './dist' }. */
export function parseCopy(args: string): { from?: string; sources: string[]; target: string } {
  const words = args.split(/\s+/);
  const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((word) => !word.startsWith('--'));
  return { ...(from !== undefined ? { from } : {}), sources: paths.slice(0, -1), target: paths.at(-1) ?? '' };
}
