import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The adapter as a user meets it: a test file of their own, run by vitest in a child process, against our
 * mock made imperfect through the `fetch` option: it accepts any key (a MUST failure, `auth.wrong-key`) and
 * loses `x-request-id` (a SHOULD failure, a warning).
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = `
import { afterAll } from 'vitest';
import { startServer } from ${JSON.stringify(join(root, 'src/http/start-server.ts'))};
import { defineContractSuite } from ${JSON.stringify(join(root, 'src/contract/vitest.ts'))};

const mock = await startServer({ port: 0, host: '127.0.0.1' });
afterAll(() => mock.close());

async function withoutRequestId(input, init) {
  const response = await fetch(input, init);
  const headers = new Headers(response.headers);
  headers.delete('x-request-id');
  return new Response(await response.arrayBuffer(), { status: response.status, headers });
}

defineContractSuite({
  name: 'imperfect mock',
  provider: { kind: 'openai', baseUrl: mock.url + '/v1', apiKey: 'sk-any' },
  model: 'dall-e-2',
  fetch: withoutRequestId,
  htmlReport: 'reports/contract.html',
});
`;

interface JsonReport {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

let dir: string;
let output = '';
let results: Map<string, { status: string; failureMessages: string[] }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'contract-vitest-'));
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'provider.contract.test.mjs'), FIXTURE);
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  const args = [vitest, 'run', '--root', dir, '--reporter=default', '--reporter=json'];
  args.push('--outputFile.json', join(dir, 'report.json'), '--no-color');
  const child = spawn(process.execPath, args, { cwd: dir, env: { ...process.env, CI: '1' } });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vitest did not finish within 90 s:\n${output}`));
    }, 90_000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReport;
  results = new Map(
    report.testResults
      .flatMap((file) => file.assertionResults)
      .map((test) => [test.title.split(' ')[0] ?? '', test]),
  );
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('defineContractSuite', () => {
  it('registers one test per check', () => {
    expect([...results.keys()]).toContain('response.schema');
    expect([...results.keys()]).toContain('reject.malformed-json');
    expect(results.size).toBeGreaterThan(20);
  });

  it('passes the checks the provider passes', () => {
    expect(results.get('response.schema')?.status).toBe('passed');
    expect(results.get('image.dimensions')?.status).toBe('passed');
  });

  it('fails a MUST check with its reason and a curl repro', () => {
    const failed = results.get('auth.wrong-key');
    expect(failed?.status).toBe('failed');
    expect(failed?.failureMessages.join('\n')).toMatch(
      /auth\.wrong-key \(MUST\): .*200[\s\S]*reproduce with:\ncurl /,
    );
  });

  it('passes a failed SHOULD check and warns about it', () => {
    expect(results.get('headers.request-id')?.status).toBe('passed');
    expect(output).toContain('contract warning: headers.request-id (SHOULD): ');
  });

  it('writes the HTML report it is asked for, with the failures and the images, relative to the working directory', () => {
    const page = readFileSync(join(dir, 'reports', 'contract.html'), 'utf8');
    expect(page).toContain('<h1>Images contract: FAILED</h1>');
    expect(page).toMatch(
      /<li class="finding fail" id="check-auth\.wrong-key">[\s\S]*?<pre class="repro"><code>curl /,
    );
    expect(page).toContain('<li class="finding warn" id="check-headers.request-id">');
    expect(page.match(/<img src="data:image\/webp;base64,/g)?.length).toBeGreaterThan(0);
    expect(page).not.toContain('sk-any');
  });

  it('skips what the run skipped', () => {
    expect(results.get('reject.quality-unknown')?.status).toBe('skipped');
    expect(results.get('determinism')?.status).toBe('skipped');
  });
});
