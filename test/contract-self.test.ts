import { afterAll, describe, expect, it } from 'vitest';
import { defineContractSuite } from '../src/contract/vitest.js';
import { startServer } from '../src/http/start-server.js';
import { runCli } from './cli-process.js';

/**
 * The mock and the contract suite check each other: our own mock, in process, must pass every check through
 * both ways in, the CLI (as a child process, from dist) and the vitest adapter.
 */
const API_KEY = 'sk-contract-self-test';
let requests = 0;
const mock = await startServer({
  port: 0,
  host: '127.0.0.1',
  apiKeys: [API_KEY],
  onRequest: () => void requests++,
});
afterAll(() => mock.close());
const baseUrl = `${mock.url}/v1`;
/** Room for the determinism check's repeated request on top of the default plan. */
const MAX_IMAGES = '6';

describe('imagegen-mock contract against our own mock', () => {
  it('passes every check, determinism included, and exits 0', async () => {
    const args = ['contract', '--base-url', baseUrl, '--api-key', API_KEY, '--model', 'dall-e-2'];
    args.push('--expect-deterministic', '--max-images', MAX_IMAGES);
    const run = await runCli(args, {}, 60_000);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed, 0 warned, \d+ skipped$/);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^determinism +MUST +PASS /m);
    expect(run.stdout).toMatch(/^image\.dimensions +MUST +PASS /m);
    expect(run.stderr).toMatch(/PASS {2}image\.valid \(\d+\.\ds\)/);
  }, 90_000);

  it('sends nothing with --dry-run', async () => {
    const before = requests;
    const run = await runCli(['contract', '--base-url', baseUrl, '--api-key', API_KEY, '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing is sent.');
    expect(run.stdout).not.toContain(API_KEY);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requests).toBe(before);
  });

  it('exits 2 on a bad flag without sending anything', async () => {
    const before = requests;
    const run = await runCli(['contract', '--base-url', baseUrl, '--max-imgs', '2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^imagegen-mock contract: .*'--max-imgs'.*See 'imagegen-mock contract --help'\.\n$/,
    );
    expect(requests).toBe(before);
  });
});

for (const model of ['dall-e-2', 'gpt-image-1']) {
  defineContractSuite({
    name: `our mock honours the images contract for ${model}`,
    provider: { kind: 'openai', baseUrl, apiKey: API_KEY },
    model,
    expectDeterministic: true,
    maxImages: Number(MAX_IMAGES),
    runTimeoutMs: 60_000,
  });
}
