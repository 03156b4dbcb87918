import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-process.js';

/** The built `imagegen-mock contract` as a process: arguments, streams and exit codes as a user meets them. */

let server: Server;
let requests = 0;
let baseUrl = '';
beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('imagegen-mock contract (process)', () => {
  it('is listed in the main help and has a help of its own', async () => {
    const main = await runCli(['--help']);
    expect(main.stdout).toMatch(/^ {2}imagegen-mock contract --base-url <url>/m);
    const help = await runCli(['contract', '--help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('Exit codes:');
    expect(help.stdout).toContain('--max-images <n>');
  });

  it.each([
    [['contract'], /--base-url is required \(or OPENAI_BASE_URL\)/],
    [['contract', '--base-url', 'http://127.0.0.1:4010'], /did you mean 'http:\/\/127\.0\.0\.1:4010\/v1'/],
    [['contract', '--base-url', 'http://127.0.0.1:4010/v1', '--max-images', 'lots'], /--max-images/],
    [
      ['contract', '--base-url', 'http://127.0.0.1:4010/v1', '--skip', 'nothing.here'],
      /--skip 'nothing\.here' names no check/,
    ],
    [['contract', '--port', '4010'], /unknown option '--port'/i],
    [
      ['contract', '--base-url', 'http://127.0.0.1:4010/v1', '--html', '-'],
      /--html writes a file; '-' \(stdout\) is not supported/,
    ],
  ])('exits 2 with one line on stderr for %j', async (args, message) => {
    const run = await runCli(args, { OPENAI_BASE_URL: '', OPENAI_API_KEY: '' });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^imagegen-mock contract: [^\n]*[^.?][.?] See 'imagegen-mock contract --help'\.\n$/,
    );
    expect(run.stderr).not.toMatch(/\?\./);
    expect(run.stderr).toMatch(message);
  });

  it('lists the checks', async () => {
    const run = await runCli(['contract', '--list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^response\.schema +MUST /m);
    expect(run.stdout).toMatch(/^headers\.request-id +SHOULD /m);
  });

  it('sends nothing with --dry-run and takes the base URL and key from the environment', async () => {
    const before = requests;
    const run = await runCli(['contract', '--model', 'dall-e-2', '--dry-run'], {
      OPENAI_BASE_URL: baseUrl,
      OPENAI_API_KEY: 'sk-from-the-environment',
    });
    expect(run.code).toBe(0);
    expect(requests).toBe(before);
    expect(run.stdout).toContain(`POST ${baseUrl}/images/generations`);
    expect(run.stdout).toMatch(/estimated cost \$\d+\.\d{3}\n$/);
    expect(run.stdout).not.toContain('sk-from-the-environment');
  });

  it('exits 1 against a provider that answers 500, with the table, repros and the summary last', async () => {
    const run = await runCli(
      ['contract', '--base-url', baseUrl, '--api-key', 'sk-secret-key', '--model', 'dall-e-2'],
      { NO_COLOR: '' },
      60_000,
    );
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^\d+ passed, [1-9]\d* failed, \d+ warned, \d+ skipped$/);
    expect(run.stdout).toMatch(/^check +severity +result +reason$/m);
    expect(run.stdout).toMatch(/^response\.schema +MUST +FAIL +\S/m);
    expect(run.stdout).toContain(`curl -sS`);
    expect(`${run.stdout}${run.stderr}`).not.toContain('sk-secret-key');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toMatch(/^Checking dall-e-2 at /);
  });

  it('exits 2 with one line on stderr, naming the URL, when nothing listens there', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const run = await runCli(['contract', '--base-url', `http://127.0.0.1:${port}/v1`, '--api-key', 'k']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(
      new RegExp(`^imagegen-mock contract: cannot reach http://127\\.0\\.0\\.1:${port}\\b`),
    );
  });
});
