import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_HELP, runContractCli } from './cli.js';
import { listChecks } from './index.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], env: Record<string, string> = {}, isTTY = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runContractCli({
    argv,
    env,
    stdout: { write: (text: string) => (stdout += text), isTTY },
    stderr: { write: (text: string) => (stderr += text), isTTY },
  });
  return { code, stdout, stderr };
}

/** A server that counts requests and answers each with a 500, to prove what is and is not sent. */
let server: Server;
let requests = 0;
let baseUrl = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('imagegen-mock contract (in process)', () => {
  it('documents every flag and the exit codes in --help', async () => {
    const help = await run(['--help']);
    expect(help).toEqual({ code: 0, stdout: CONTRACT_HELP, stderr: '' });
    const flags = [...'--base-url --api-key --model --provider --deployment --api-version --path'.split(' ')];
    flags.push(...'--auth-header --auth-scheme --max-images --timeout --concurrency --dry-run'.split(' '));
    flags.push(...'--junit --json --only --skip --expect-deterministic --list --no-color --help'.split(' '));
    for (const flag of flags) expect(CONTRACT_HELP).toMatch(new RegExp(`^ +(-h, )?${flag}\\s`, 'm'));
    expect(CONTRACT_HELP).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*\n {2}2 /);
    expect(CONTRACT_HELP).toContain('gpt-image-1-mini');
    expect(CONTRACT_HELP.split('\n').every((line) => line.length <= 110)).toBe(true);
  });

  it('lists every check with its severity', async () => {
    const list = await run(['--list']);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(/\s+/)[0])).toEqual(listChecks().map((check) => check.id));
    expect(lines.find((line) => line.startsWith('errors.param'))).toMatch(/^errors\.param\s+SHOULD\s+\S/);
  });

  it.each([
    [['--base-url', 'http://127.0.0.1:1'], /must end in \/v1/],
    [
      ['--base-url', 'http://127.0.0.1:1/v1', '--only', 'image.nope'],
      /--only 'image\.nope' names no check; 'imagegen-mock contract --list' lists them/,
    ],
    [['--frobnicate'], /unknown option '--frobnicate'/i],
  ])('exits 2 with one usage line for %j', async (argv, message) => {
    const usage = await run(argv);
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toMatch(/^imagegen-mock contract: .*[.?] See 'imagegen-mock contract --help'\.\n$/);
    expect(usage.stderr).toMatch(message);
  });

  it('prints the plan and its cost with --dry-run, masks the key and sends nothing', async () => {
    const before = requests;
    const dry = await run(['--base-url', baseUrl, '--model', 'dall-e-2', '--dry-run'], {
      OPENAI_API_KEY: 'sk-very-secret-key',
    });
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(requests).toBe(before);
    expect(dry.stdout).toContain(`POST ${baseUrl}/images/generations`);
    expect(dry.stdout).toMatch(/^ {3}\{"model":"dall-e-2",/m);
    expect(dry.stdout).toMatch(/\n\d+ requests, \d+ images? billable, estimated cost \$\d+\.\d{3}\n$/);
    expect(dry.stdout).not.toContain('sk-very-secret-key');
  });

  it('exits 2 with one line naming the URL and the cause when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await run(['--base-url', `http://127.0.0.1:${port}/v1`, '--api-key', 'k', '--no-color']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.split('\n')).toHaveLength(2);
    expect(refused.stderr).toMatch(
      new RegExp(`^imagegen-mock contract: cannot reach http://127\\.0\\.0\\.1:${port}.*ECONNREFUSED`),
    );
    expect(refused.stdout).toBe('');
  });

  it('fails a broken provider with exit 1 and writes the JUnit and JSON reports', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-cli-'));
    try {
      const junit = join(dir, 'nested', 'contract.xml');
      const json = join(dir, 'contract.json');
      const argv = ['--base-url', baseUrl, '--api-key', 'k', '--model', 'dall-e-2', '--junit', junit];
      argv.push('--json', json, '--timeout', '5', '--only', 'response.schema', '--only', 'auth.');
      const broken = await run(argv);
      expect(broken.code).toBe(1);
      expect(broken.stdout.trimEnd().split('\n').at(-1)).toMatch(/^0 passed, 3 failed, 0 warned, 0 skipped$/);
      expect(broken.stdout).toContain('reproduce with:');
      expect(broken.stdout).not.toContain('\u001b[');
      expect(broken.stderr).toMatch(/start response\.schema/);
      expect(readFileSync(junit, 'utf8')).toMatch(/<testsuite [^>]*tests="3" failures="3"/);
      const report = JSON.parse(readFileSync(json, 'utf8')) as {
        version: string;
        summary: { failed: number };
      };
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
        version: string;
      };
      expect(report.version).toBe(pkg.version);
      expect(report.summary.failed).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
