import { readFileSync } from 'node:fs';

/**
 * The package version from `package.json`, found from this module's own location: one level up from both
 * `src/version.ts` and `dist/version.js`, so it answers the same from the sources and the build.
 *
 * @example
 * process.stdout.write(`${readVersion()}\n`);
 */
export function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
