import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, startCli } from './cli-process.js';

const generationBody = JSON.stringify({
  prompt: 'a lighthouse',
  size: '256x256',
  response_format: 'b64_json',
});

function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/v1/images/generations`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-test', 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(10_000),
  });
}

describe('imagegen-mock CLI', () => {
  it('prints help and version', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage:');
    expect(help.stdout).toContain('--api-key');
    const version = await runCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each([
    [['--prot', '5000'], /unknown option '--prot'/i],
    [['--port', 'abc'], /--port must be a port number/],
    [['--port', '70000'], /--port must be a port number/],
    [['--log-format', 'xml'], /--log-format must be 'text' or 'json'/],
    [['--public-url', 'localhost'], /--public-url must be an http\(s\) URL/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['--port'], /--port/],
    [['--rate-limit', '5'], /--rate-limit needs a unit: 5\/min, 5\/s or 5\/h, got '5'/],
    [['--journal-size', 'x'], /--journal-size must be a whole number .*, got 'x'/],
  ])('rejects a misused command line %j with one line and exit code 2', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  it('fails with one line and exit code 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const run = await runCli(['--port', String(port)]);
      expect(run.code).toBe(1);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it.each([
    ['a missing file', 'does-not-exist.yaml', /cannot read spec/],
    ['invalid YAML', 'bad.yaml', /not valid YAML/],
    ['no createImage operation', 'other.yaml', /no operation with operationId 'createImage'/],
  ])('fails clearly with exit code 1 on a spec with %s', async (_name, file, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'imagegen-spec-'));
    writeFileSync(join(dir, 'bad.yaml'), 'openapi: 3.0.3\npaths: [unclosed');
    writeFileSync(join(dir, 'other.yaml'), 'openapi: 3.0.3\ninfo: {title: x, version: "1"}\npaths: {}\n');
    const run = await runCli(['--spec', join(dir, file), '--port', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
  });

  it('serves, logs one readable line per request, and exits 0 on SIGTERM', async () => {
    const cli = await startCli(process.execPath, [CLI, '--port', '0']);
    try {
      expect(cli.output()).toContain(`baseURL: '${cli.url}/v1'`);
      expect(cli.output()).toContain(`curl ${cli.url}/v1/images/generations`);
      const ok = await post(cli.url, generationBody);
      expect(ok.status).toBe(200);
      const bad = await post(cli.url, '{"prompt": "x", "n": 11}');
      expect(bad.status).toBe(400);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = cli.output().split('\n');
      expect(
        lines.some((line) => / POST \/v1\/images\/generations 200 [\d.]+ms req_[0-9a-f]{32}$/.test(line)),
      ).toBe(true);
      expect(lines.some((line) => /400 .* integer_above_max_value n: Invalid 'n'/.test(line))).toBe(true);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('says in its banner which faults, limiter and latency are in force', async () => {
    const plain = await startCli(process.execPath, [CLI, '--port', '0', '--quiet']);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(plain.output().split('\n')[1]).toBe('faults: chaos off, rate limit off, latency off');
    } finally {
      await plain.stop();
    }
    const args = ['--chaos', '10%', '--seed', '3', '--rate-limit', '15/min', '--latency', 'realistic'];
    const faulty = await startCli(process.execPath, [CLI, '--port', '0', '--quiet', ...args]);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(faulty.output().split('\n')[1]).toBe(
        'faults: chaos 0.1 (seed 3), rate limit 15/min per key, latency realistic (seed 3)',
      );
    } finally {
      await faulty.stop();
    }
  });

  it('answers the invalid-request corpus the same as the library does, as a real process', async () => {
    const corpus = JSON.parse(
      readFileSync(new URL('../fixtures/invalid-requests.json', import.meta.url), 'utf8'),
    ) as {
      name: string;
      body?: unknown;
      raw?: string;
      contentType?: string;
      status: number;
      code: string | null;
    }[];
    const cli = await startCli(process.execPath, [CLI, '--port', '0', '--quiet']);
    try {
      for (const entry of corpus) {
        const body = entry.raw ?? JSON.stringify(entry.body);
        const res = await post(cli.url, body, { 'content-type': entry.contentType ?? 'application/json' });
        const json = (await res.json()) as { error: { code: string | null } };
        expect([entry.name, res.status, json.error.code]).toEqual([entry.name, entry.status, entry.code]);
      }
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it('prints a curl command that works when pasted into a shell', async () => {
    const cli = await startCli(process.execPath, [CLI, '--port', '0', '--quiet']);
    try {
      const command = /^ {2}curl [\s\S]*?\}'$/m.exec(cli.output())?.[0];
      expect(command).toBeDefined();
      const answer = execFileSync('bash', ['-c', `${command ?? ''} --silent --max-time 10`], {
        encoding: 'utf8',
      });
      const json = JSON.parse(answer) as { data: { b64_json: string }[]; usage: { total_tokens: number } };
      const png = Buffer.from(json.data[0]?.b64_json ?? '', 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(json.usage.total_tokens).toBeGreaterThan(0);
    } finally {
      await cli.stop();
    }
  });

  it('logs JSON lines with --log-format json, and nothing per request with --quiet', async () => {
    const json = await startCli(process.execPath, [CLI, '--port', '0', '--log-format', 'json']);
    try {
      await post(json.url, '{}');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const entries = json
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(entries[0]).toMatchObject({ event: 'listening' });
      expect(entries[1]).toMatchObject({
        method: 'POST',
        status: 400,
        error: { code: 'missing_required_parameter', param: 'prompt' },
      });
    } finally {
      await json.stop();
    }
    const quiet = await startCli(process.execPath, [CLI, '--port', '0', '--quiet']);
    try {
      await post(quiet.url, generationBody);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(quiet.output()).not.toContain('POST /v1/images/generations');
    } finally {
      await quiet.stop();
    }
  });

  it('reads PORT, HOST and IMAGEGEN_MOCK_API_KEYS from the environment', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    await new Promise((resolve) => blocker.close(resolve));
    const cli = await startCli(process.execPath, [CLI, '--quiet'], {
      env: { PORT: String(port), HOST: '127.0.0.1', IMAGEGEN_MOCK_API_KEYS: 'sk-one, sk-two' },
    });
    try {
      expect(cli.url).toBe(`http://127.0.0.1:${port}`);
      expect((await post(cli.url, generationBody, { authorization: 'Bearer sk-two' })).status).toBe(200);
      expect((await post(cli.url, generationBody, { authorization: 'Bearer sk-three' })).status).toBe(401);
    } finally {
      await cli.stop();
    }
  });

  it('finishes an in-flight request on SIGTERM before exiting 0', async () => {
    const cli = await startCli(process.execPath, [CLI, '--port', '0', '--quiet']);
    const { hostname, port } = new URL(cli.url);
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: hostname,
          port,
          method: 'POST',
          path: '/v1/images/generations',
          headers: {
            authorization: 'Bearer sk-test',
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(generationBody),
          },
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      // Half the body now, the rest after the signal: the request is in flight when SIGTERM lands.
      req.write(generationBody.slice(0, 10));
      setTimeout(() => {
        cli.child.kill('SIGTERM');
        setTimeout(() => req.end(generationBody.slice(10)), 200);
      }, 200);
    });
    const answer = await response;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toHaveProperty('data');
    expect(await cli.exited).toBe(0);
  });
});
