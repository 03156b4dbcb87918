import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../http/start-server.js';
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
    flags.push(
      ...'--junit --json --html --only --skip --expect-deterministic --list --no-color --help'.split(' '),
    );
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

describe('imagegen-mock contract --html', () => {
  let mock: RunningServer;
  let dir: string;
  beforeAll(async () => {
    mock = await startServer({ port: 0, host: '127.0.0.1', apiKeys: ['sk-html'] });
    dir = mkdtempSync(join(tmpdir(), 'contract-html-'));
  });
  afterAll(async () => {
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the page of a passing run against our mock, with its images embedded, and exits 0', async () => {
    const html = join(dir, 'reports', 'contract.html');
    const argv = ['--base-url', `${mock.url}/v1`, '--api-key', 'sk-html', '--model', 'dall-e-2'];
    argv.push('--max-images', '3', '--html', html);
    const passed = await run(argv);
    expect(passed.stderr).not.toContain('imagegen-mock contract:');
    expect(passed.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h1>Images contract: PASSED</h1>');
    expect(page).toContain(`<code>${mock.url}/v1</code>`);
    // dall-e-2 at --max-images 3: generate.b64 (1), generate.n2 (2), each decoded and embedded.
    expect(
      page.match(/<img src="data:image\/webp;base64,[A-Za-z0-9+/]+=*" width="256" height="256"/g),
    ).toHaveLength(3);
    expect(page).toContain('<strong>generate.n2, image 2 of 2</strong>');
    expect(page).not.toContain('sk-html');
  });

  it('writes the page of a failing run too, with each failure and its repro, and exits 1', async () => {
    const html = join(dir, 'failing.html');
    const argv = ['--base-url', baseUrl, '--api-key', 'sk-secret', '--model', 'dall-e-2', '--html', html];
    argv.push('--timeout', '5', '--only', 'response.schema', '--only', 'auth.');
    const failed = await run(argv);
    expect(failed.code).toBe(1);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<h2>Failures (3)</h2>');
    expect(page.match(/<pre class="repro"><code>curl -sS -i -X POST /g)).toHaveLength(3);
    expect(page).toContain('authorization: Bearer $OPENAI_API_KEY');
    expect(page).not.toContain('sk-secret');
  });

  it.each([
    [['--html', '-'], /--html writes a file; '-' \(stdout\) is not supported\./],
    [['--html', 'DIR'], /--html names a folder, not a file: '.*'\./],
    [['--html', 'DIR/new/'], /--html needs a file path, not a folder: '.*'\./],
    [['--html', ''], /--html needs a file path\./],
    [['--json', 'DIR/r', '--html', 'DIR/r'], /--json and --html name the same file '.*'\./],
    [['--junit', '-'], /--junit writes a file; '-'/],
  ])('exits 2 with one line and sends nothing for %j', async (flags, message) => {
    const before = requests;
    const argv = ['--base-url', baseUrl, '--api-key', 'k', '--model', 'dall-e-2'];
    const misuse = await run([...argv, ...flags.map((flag) => flag.replace('DIR', dir))]);
    expect(misuse.code).toBe(2);
    expect(misuse.stdout).toBe('');
    expect(misuse.stderr).toMatch(/^imagegen-mock contract: [^\n]* See 'imagegen-mock contract --help'\.\n$/);
    expect(misuse.stderr).toMatch(message);
    expect(requests).toBe(before);
    expect(existsSync(join(dir, 'r'))).toBe(false);
  });

  it('exits 2 naming the file when the page cannot be written after the run', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const html = join(file, 'contract.html');
    const argv = ['--base-url', baseUrl, '--api-key', 'k', '--model', 'dall-e-2', '--only', 'auth.'];
    const blocked = await run([...argv, '--timeout', '5', '--html', html]);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(`^imagegen-mock contract: cannot write ${html.replaceAll('.', '\\.')}: E(EXIST|NOTDIR)`),
    );
  });
});
