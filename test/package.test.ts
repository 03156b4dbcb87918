import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from './cli-process.js';

/**
 * The package as a user receives it: `npm pack`, installed into an empty project, run through npx and
 * imported through every `exports` path.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let work: string;
let project: string;
let tarball: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'imagegen-pack-'));
  execFileSync(npm, ['pack', '--pack-destination', work, '--ignore-scripts'], { cwd: root, stdio: 'pipe' });
  const file = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!file) throw new Error('npm pack produced no tarball');
  tarball = join(work, file);
  project = join(work, 'project');
  execFileSync('mkdir', ['-p', project]);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  execFileSync(npm, ['install', '--no-audit', '--no-fund', '--omit=dev', tarball], {
    cwd: project,
    stdio: 'pipe',
  });
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed package', () => {
  it('ships the build, the spec, the inspector page and the README, and no tests or sources', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/dist/cli.js');
    expect(listing).toContain('package/openapi.yaml');
    expect(listing).toContain('package/inspector/index.html');
    expect(listing).toContain('package/README.md');
    expect(listing.filter((name) => name.includes('.test.') || name.startsWith('package/src/'))).toEqual([]);
  });

  it('runs `npx <tarball> --help` from an empty directory', () => {
    const empty = join(work, 'empty');
    execFileSync('mkdir', ['-p', empty]);
    // A relative path: npx runs an absolute one as a command.
    const help = execFileSync('npx', ['--yes', relative(empty, tarball), '--help'], {
      cwd: empty,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(help).toContain('Usage:');
  }, 200_000);

  it('runs `npx imagegen-mock --version` in a project that installed it', () => {
    const version = execFileSync('npx', ['--no-install', 'imagegen-mock', '--version'], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('resolves every exports path', () => {
    // vitest is an optional peer: a project that uses the contract adapter has it installed.
    symlinkSync(join(root, 'node_modules', 'vitest'), join(project, 'node_modules', 'vitest'), 'dir');
    const script = `
      const pkg = await import('imagegen-mock');
      for (const name of ['createApp', 'startServer', 'loadSpec', 'renderPng', 'renderImage', 'runContract']) {
        if (typeof pkg[name] !== 'function') throw new Error('missing export ' + name);
      }
      const contract = await import('imagegen-mock/contract');
      for (const name of ['defineContractSuite', 'runContract', 'planContract', 'listChecks']) {
        if (typeof contract[name] !== 'function') throw new Error('missing contract export ' + name);
      }
      const { createRequire } = await import('node:module');
      const require = createRequire(import.meta.url);
      require.resolve('imagegen-mock/openapi.yaml');
      require.resolve('imagegen-mock/package.json');
      console.log('ok');`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('ok');
  });

  it('type-checks a TypeScript consumer of the public API', () => {
    writeFileSync(
      join(project, 'consumer.ts'),
      `import { createApp, loadSpec, startServer, renderPng, type RunningServer } from 'imagegen-mock';
const app = createApp({ spec: await loadSpec(), apiKeys: ['k'] });
app.get('/extra', (_req, res) => void res.end());
const server: RunningServer = await startServer({ port: 0 });
const png: Buffer = renderPng({ model: 'm', prompt: 'p', width: 16, height: 16, quality: 'hd', style: 'vivid', index: 0 });
await server.close();
export { png };
`,
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const typeRoots = join(root, 'node_modules', '@types');
    const args = ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext'];
    args.push('--target', 'es2022', '--types', 'node', '--typeRoots', typeRoots, 'consumer.ts');
    execFileSync(process.execPath, [tsc, ...args], { cwd: project, encoding: 'utf8' });
  });

  it("the installed package's contract suite passes against the installed mock", async () => {
    const bin = join(project, 'node_modules', '.bin', 'imagegen-mock');
    const cli = await startCli(bin, ['--port', '0', '--quiet', '--api-key', 'sk-packed'], { cwd: project });
    try {
      const args = [
        'contract',
        '--base-url',
        `${cli.url}/v1`,
        '--api-key',
        'sk-packed',
        '--model',
        'gpt-image-1',
      ];
      const out = execFileSync(bin, [...args, '--no-color'], {
        cwd: project,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(out.trim().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed, 0 warned, \d+ skipped$/);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  }, 150_000);

  it('serves a generation from the installed package', async () => {
    // The bin npx resolves, started directly: npx does not forward SIGTERM to the server it spawns.
    const bin = join(project, 'node_modules', '.bin', 'imagegen-mock');
    const cli = await startCli(bin, ['--port', '0', '--quiet'], { cwd: project });
    try {
      const res = await fetch(`${cli.url}/v1/images/generations`, {
        method: 'POST',
        headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a packed parcel', size: '256x256', response_format: 'b64_json' }),
        signal: AbortSignal.timeout(10_000),
      });
      expect(res.status).toBe(200);
      const json = (await res.json()) as { data: { b64_json: string }[] };
      expect(
        Buffer.from(json.data[0]?.b64_json ?? '', 'base64')
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });
});
