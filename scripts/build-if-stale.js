/**
 * Builds only when the build is out of date, so that `npm start` on a built checkout starts at once instead
 * of waiting for a full `tsc` run (about 5 s on a small machine; `tsc --incremental` still takes about 2 s
 * to find that nothing changed). Run from the package root, as npm runs scripts.
 *
 *   node scripts/build-if-stale.js            build (npm run build) if out of date, else do nothing
 *   node scripts/build-if-stale.js --check    say whether it is out of date; exit 1 if it is
 *   node scripts/build-if-stale.js --begin    prebuild: note when this build started
 *   node scripts/build-if-stale.js --commit   postbuild: the build succeeded; it is up to date as of its start
 *
 * Out of date means: no successful build yet (no stamp), or a file or folder under src/, a tsconfig or the
 * package manifests changed after the last successful build started. Folders count so that adding,
 * removing or renaming a source file is seen too. A failed build leaves the old stamp, so the next start
 * tries again, as it did when every start built. A file copied with its old time kept (cp -p) is not seen:
 * `npm run build` then.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];
const OUTPUT = join('dist', 'cli.js');
const STAMP = join('dist', '.build-stamp');
const PENDING = `${STAMP}.pending`;

/**
 * Why the build in `root` is out of date, or null when it is not.
 *
 * @param {string} root
 * @returns {string | null}
 */
function staleReason(root) {
  const stamp = join(root, STAMP);
  if (!existsSync(stamp) || !existsSync(join(root, OUTPUT))) return 'no build yet';
  const builtAt = statSync(stamp).mtimeMs;
  for (const input of INPUTS) {
    const changed = findNewer(join(root, input), builtAt);
    if (changed) return `${changed.slice(root.length + 1)} changed since the last build`;
  }
  return null;
}

/**
 * The first path at or under `path` modified after `time`, or undefined.
 *
 * @param {string} path
 * @param {number} time
 * @returns {string | undefined}
 */
function findNewer(path, time) {
  if (!existsSync(path)) return undefined;
  const stats = statSync(path);
  if (stats.mtimeMs > time) return path;
  if (!stats.isDirectory()) return undefined;
  for (const entry of readdirSync(path)) {
    const newer = findNewer(join(path, entry), time);
    if (newer) return newer;
  }
  return undefined;
}

function main() {
  const root = process.cwd();
  switch (process.argv[2]) {
    case '--begin':
      mkdirSync(join(root, 'dist'), { recursive: true });
      writeFileSync(join(root, PENDING), '');
      return 0;
    case '--commit':
      // The pending stamp keeps its time, the build's start: what changed during the build is seen next time.
      renameSync(join(root, PENDING), join(root, STAMP));
      return 0;
    case '--check': {
      const reason = staleReason(root);
      process.stdout.write(`${reason ?? 'up to date'}\n`);
      return reason ? 1 : 0;
    }
    case undefined: {
      const reason = staleReason(root);
      if (!reason) return 0;
      process.stderr.write(`build-if-stale: ${reason}; building\n`);
      const build = spawnSync('npm', ['run', '--silent', 'build'], {
        cwd: root,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
      return build.status ?? 1;
    }
    default:
      process.stderr.write(`build-if-stale: unknown option '${process.argv[2]}'\n`);
      return 2;
  }
}

process.exitCode = main();
