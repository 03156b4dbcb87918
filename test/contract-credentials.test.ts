import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/http/start-server.js';
import { runCli, type CliRun } from './cli-process.js';

/**
 * A contract run whose credentials the provider refuses is never green: whatever checks are selected, the
 * run stops with one line on stderr and exit 2, as for an unreachable provider. Against our own mock
 * started with `--api-key`, and a host that answers 403 to any key.
 */

const KEY = 'sk-the-right-key';
let mock: RunningServer;
let forbidding: Server;
let forbiddingUrl = '';

beforeAll(async () => {
  mock = await startServer({ port: 0, host: '127.0.0.1', apiKeys: [KEY], shutdownTimeoutMs: 1_000 });
  // A key it knows, but an organisation it will not serve: 401 without a key, 403 with one.
  forbidding = createServer((req, res) => {
    const status = req.headers.authorization ? 403 : 401;
    const message =
      status === 403
        ? 'Your organization must be verified to use the model `gpt-image-1`.'
        : "You didn't provide an API key.";
    res
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } }));
  });
  await new Promise<void>((resolve) => forbidding.listen(0, '127.0.0.1', resolve));
  forbiddingUrl = `http://127.0.0.1:${(forbidding.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await mock.close();
  await new Promise<void>((resolve) => forbidding.close(() => resolve()));
});

const contract = (extra: string[], key?: string) =>
  runCli(
    ['contract', '--base-url', `${mock.url}/v1`, '--model', 'dall-e-2', ...extra],
    { OPENAI_API_KEY: key ?? '', OPENAI_BASE_URL: '', NO_COLOR: '' },
    60_000,
  );

function expectOneLine(run: CliRun, message: RegExp): void {
  expect(run.code, run.stdout + run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr.split('\n')).toHaveLength(2);
  expect(run.stderr).toMatch(message);
}

describe('a contract run with credentials the provider refuses', () => {
  it.each([
    ['every check', []],
    ['--max-images 0 (only the free checks)', ['--max-images', '0']],
    ['--only auth. (no check sends the key)', ['--only', 'auth.']],
    ['--only reject.n-zero', ['--only', 'reject.n-zero']],
    ['--only image.dimensions', ['--only', 'image.dimensions']],
  ])('exits 2 with one line for a wrong key, with %s', async (_name, args) => {
    const run = await contract(args, 'sk-expired-key');
    expectOneLine(
      run,
      /^imagegen-mock contract: http:\/\/127\.0\.0\.1:\d+ refused the API key \(401: Incorrect API key provided: [^)]*\); check --api-key or OPENAI_API_KEY; nothing was judged\n$/,
    );
    expect(run.stderr).not.toContain('sk-expired-key');
  });

  it.each([
    ['every check', []],
    ['--max-images 0', ['--max-images', '0']],
  ])('exits 2 with one line when no key is given, with %s', async (_name, args) => {
    const run = await contract(args);
    expectOneLine(
      run,
      /demands an API key and none was given \(401: You didn't provide an API key\.\); pass --api-key or set OPENAI_API_KEY; nothing was judged\n$/,
    );
  });

  it('exits 2 when the provider answers 403 to the key', async () => {
    const run = await runCli(
      ['contract', '--base-url', forbiddingUrl, '--api-key', 'sk-unverified-org', '--max-images', '0'],
      { OPENAI_API_KEY: '', NO_COLOR: '' },
      60_000,
    );
    expectOneLine(run, /refused the API key \(403: Your organization must be verified/);
  });

  it('passes with the right key, so the refusal above is about the key alone', async () => {
    const run = await contract(['--max-images', '0'], KEY);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^\d+ passed, 0 failed, \d+ warned, \d+ skipped$/,
    );
  });
});
