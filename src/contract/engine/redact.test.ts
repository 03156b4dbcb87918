import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WRONG_API_KEY } from './plan-steps.js';
import { redactHeaders, toCurl } from './redact.js';
import type { PlannedRequest } from './types.js';

const request = (headers: Record<string, string>, body?: string): PlannedRequest => ({
  method: 'POST',
  url: 'http://127.0.0.1:4010/v1/images/generations?a=1&b=2',
  headers: { 'content-type': 'application/json', ...headers },
  ...(body === undefined ? {} : { body }),
  billableImages: 0,
  estimatedCostUsd: 0,
});

// A stand-in `curl` that prints the arguments the shell gave it, so the command is parsed by a real shell.
const bin = mkdtempSync(join(tmpdir(), 'contract-curl-'));
writeFileSync(
  join(bin, 'curl'),
  '#!/usr/bin/env node\nprocess.stdout.write(JSON.stringify(process.argv.slice(2)));\n',
);
chmodSync(join(bin, 'curl'), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function shellArgs(command: string, env: Record<string, string>): string[] {
  const output = execFileSync('/bin/sh', ['-c', command], {
    env: { PATH: `${bin}:${process.env.PATH ?? ''}`, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(output) as string[];
}

describe('redactHeaders', () => {
  it('hides keys, keeps schemes and every other header', () => {
    expect(
      redactHeaders({
        authorization: 'Bearer sk-proj-secret',
        'api-key': 'abc123',
        'x-custom-token': 't',
        accept: 'a/b',
      }),
    ).toEqual({
      authorization: 'Bearer sk-...redacted',
      'api-key': '...redacted',
      'x-custom-token': '...redacted',
      accept: 'a/b',
    });
  });

  it('leaves the deliberately wrong key of auth.wrong-key visible', () => {
    expect(redactHeaders({ authorization: `Bearer ${WRONG_API_KEY}` }).authorization).toContain(
      WRONG_API_KEY,
    );
  });
});

describe('toCurl', () => {
  const hostile = `{"prompt":"it's a 'quoted' $HOME \`id\` \\"x\\" \\n line","n":1}`;

  it('round-trips url, headers and a body full of shell metacharacters through a real shell', () => {
    const command = toCurl(request({ authorization: 'Bearer sk-secret-key' }, hostile));
    expect(command).not.toContain('sk-secret-key');
    const args = shellArgs(command, { OPENAI_API_KEY: 'sk-from-env', HOME: '/nowhere' });
    expect(args).toEqual([
      '-sS',
      '-i',
      '-X',
      'POST',
      'http://127.0.0.1:4010/v1/images/generations?a=1&b=2',
      '-H',
      'content-type: application/json',
      '-H',
      'authorization: Bearer sk-from-env',
      '--data-binary',
      hostile,
    ]);
  });

  it('reads an Azure key from $AZURE_OPENAI_API_KEY and sends empty and absent bodies as they were', () => {
    const empty = shellArgs(toCurl(request({ 'api-key': 'azure-secret' }, '')), {
      AZURE_OPENAI_API_KEY: 'k',
    });
    expect(empty).toContain('api-key: k');
    expect(empty.slice(-2)).toEqual(['--data-binary', '']);
    expect(shellArgs(toCurl(request({})), {})).not.toContain('--data-binary');
  });
});
