import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/** `npm start` runs scripts/build-if-stale.js first; here it runs in a small package of its own. */
const SCRIPT = fileURLToPath(new URL('../scripts/build-if-stale.js', import.meta.url));
const HOUR_AGO = (Date.now() - 3_600_000) / 1000;
let root: string;

/** A package whose build writes dist/cli.js and counts its runs, built once with every file an hour old. */
function builtPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'imagegen-stale-'));
  const hooks = (flag: string) => `node ${JSON.stringify(SCRIPT)} ${flag}`;
  const build =
    "node -e \"const f=require('fs');f.writeFileSync('dist/cli.js','');f.appendFileSync('builds','x')\"";
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ scripts: { prebuild: hooks('--begin'), build, postbuild: hooks('--commit') } }),
  );
  writeFileSync(join(dir, 'tsconfig.json'), '{}');
  mkdirSync(join(dir, 'src', 'http'), { recursive: true });
  writeFileSync(join(dir, 'src', 'cli.ts'), '');
  writeFileSync(join(dir, 'src', 'http', 'app.ts'), '');
  for (const path of ['package.json', 'tsconfig.json', 'src/http/app.ts', 'src/http', 'src/cli.ts', 'src']) {
    utimesSync(join(dir, path), HOUR_AGO, HOUR_AGO);
  }
  return dir;
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const builds = (): number => readFileSync(join(root, 'builds'), 'utf8').length;

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('scripts/build-if-stale.js', () => {
  it('builds the first time, then not again until a source changes', () => {
    root = builtPackage();
    expect(run('--check')).toMatchObject({ status: 1, stdout: 'no build yet\n' });
    expect(run()).toMatchObject({ status: 0, stderr: 'build-if-stale: no build yet; building\n' });
    expect(builds()).toBe(1);
    expect(run('--check')).toMatchObject({ status: 0, stdout: 'up to date\n' });
    expect(run()).toMatchObject({ status: 0, stderr: '' });
    expect(builds()).toBe(1);

    writeFileSync(join(root, 'src', 'http', 'app.ts'), 'export {};');
    expect(run('--check')).toMatchObject({
      status: 1,
      stdout: 'src/http/app.ts changed since the last build\n',
    });
    run();
    expect(builds()).toBe(2);
    expect(run('--check').status).toBe(0);
  });

  it('sees a source file added, removed or renamed, and a changed tsconfig or manifest', () => {
    root = builtPackage();
    run();
    const changes = [
      () => writeFileSync(join(root, 'src', 'http', 'route.ts'), ''),
      () => rmSync(join(root, 'src', 'http', 'route.ts')),
      () => renameSync(join(root, 'src', 'cli.ts'), join(root, 'src', 'main.ts')),
      () => writeFileSync(join(root, 'tsconfig.json'), '{ "compilerOptions": {} }'),
      () => writeFileSync(join(root, 'package-lock.json'), '{}'),
    ];
    for (const change of changes) {
      change();
      expect(run('--check').status).toBe(1);
      run();
      expect(run('--check').status).toBe(0);
    }
    expect(builds()).toBe(1 + changes.length);
  });

  it('builds again after a failed build, and after dist/ was removed', () => {
    root = builtPackage();
    run();
    writeFileSync(join(root, 'src', 'cli.ts'), 'broken');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const failing = { ...manifest, scripts: { ...manifest.scripts, build: 'exit 3' } };
    writeFileSync(join(root, 'package.json'), JSON.stringify(failing));
    expect(run().status).toBe(3);
    expect(run('--check').status).toBe(1);
    writeFileSync(join(root, 'package.json'), JSON.stringify(manifest));
    expect(run().status).toBe(0);
    expect(builds()).toBe(2);
    rmSync(join(root, 'dist'), { recursive: true });
    expect(run('--check')).toMatchObject({ status: 1, stdout: 'no build yet\n' });
  });

  it('is what npm start runs first, while npm test still builds every time', () => {
    const manifest = new URL('../package.json', import.meta.url);
    const { scripts } = JSON.parse(readFileSync(manifest, 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.prestart).toBe('node scripts/build-if-stale.js');
    expect(scripts.pretest).toBe('npm run build');
    expect(scripts.build).toBe('tsc -p tsconfig.build.json');
  });
});
