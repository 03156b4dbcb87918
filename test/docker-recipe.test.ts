import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@stoplight/yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveCliConfig } from '../src/config.js';
import { startCli, type ServingCli } from './cli-process.js';
import { execForm, parseCopy, parseDockerfile, parseEnv, parseHealthcheck } from './dockerfile.js';

// This machine (and CI) has no container engine, so the image is never built here: these tests hold the
// recipe to what can be checked without one. The image's start command runs directly, from only the files
// the image copies, and its health check runs against it; the compose file is read and held to the
// Dockerfile and nginx.conf.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const instructions = parseDockerfile(read('Dockerfile'));
const finalStage = Math.max(...instructions.map((instruction) => instruction.stage));
const final = instructions.filter((instruction) => instruction.stage === finalStage);
const only = (name: string) => {
  const found = final.filter((instruction) => instruction.name === name);
  expect(found, `one ${name} in the final stage`).toHaveLength(1);
  return found[0]?.args ?? '';
};
const imageEnv = Object.assign(
  {},
  ...final.filter((i) => i.name === 'ENV').map((i) => parseEnv(i.args)),
) as Record<string, string>;

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  ports?: string[];
  volumes?: string[];
  deploy?: { replicas?: number };
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition?: string }>;
}
const compose = parse<{ services: Record<string, ComposeService> }>(read('compose.yaml'));

const started: ServingCli[] = [];
const temporary: string[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.stop()));
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Runs a command of the recipe with `node` as this Node; resolves with its exit code. */
function run(command: string[], env: Record<string, string>): Promise<number> {
  const [program, ...args] = command;
  expect(program).toBe('node');
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env: { ...process.env, ...env }, timeout: 10_000 }, (error) =>
      resolve(error ? (typeof error.code === 'number' ? error.code : -1) : 0),
    );
  });
}

describe('Dockerfile', () => {
  it('is small and unprivileged: slim Node 20 stages, production dependencies only, a non-root user', () => {
    const bases = instructions.filter((i) => i.name === 'FROM').map((i) => i.args.split(/\s+/)[0]);
    expect(bases.length).toBeGreaterThan(1);
    for (const base of bases) expect(base).toBe('node:20-slim');
    expect(only('USER')).not.toMatch(/^(root|0)(:|$)/);
    const copies = final.filter((i) => i.name === 'COPY').map((i) => parseCopy(i.args));
    const modules = copies.find((copy) => copy.target.endsWith('node_modules'));
    const depsStage = instructions.find((i) => i.name === 'FROM' && i.args.endsWith(` AS ${modules?.from}`));
    const installs = instructions.filter((i) => i.stage === depsStage?.stage && i.name === 'RUN');
    expect(installs.map((i) => i.args).join('\n')).toContain('npm ci --omit=dev');
    // What never goes into the build context.
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', 'dist', '.git', 'test']) expect(ignored).toContain(entry);
  });

  it('runs its start command from only the files the image holds, and its HEALTHCHECK passes against it', async () => {
    const command = [...execForm(only('ENTRYPOINT')), ...execForm(only('CMD'))];
    expect(command).toEqual(['node', 'dist/cli.js', '--host', '0.0.0.0']);
    expect(imageEnv).toMatchObject({ HOST: '0.0.0.0', PORT: only('EXPOSE') });

    // The image's /app: what the final stage copies, from this (built) checkout.
    const app = mkdtempSync(join(tmpdir(), 'imagegen-mock-image-'));
    temporary.push(app);
    for (const { from, sources, target } of final
      .filter((i) => i.name === 'COPY')
      .map((i) => parseCopy(i.args))) {
      for (const source of sources) {
        const name = basename(source);
        const destination = target.endsWith('/') ? join(app, target, name) : join(app, target);
        expect(existsSync(join(ROOT, name)), `${name} (COPY ${from ?? 'context'})`).toBe(true);
        if (name === 'node_modules') symlinkSync(join(ROOT, name), destination);
        else cpSync(join(ROOT, name), destination, { recursive: true });
      }
    }

    // PORT 0 rather than the image's fixed port: the health check reads the port the server got.
    const [program, ...args] = command;
    expect(program).toBe('node');
    const server = await startCli(process.execPath, args, { cwd: app, env: { ...imageEnv, PORT: '0' } });
    started.push(server);
    expect(server.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    const port = new URL(server.url).port;

    const { command: healthcheck, options } = parseHealthcheck(only('HEALTHCHECK'));
    expect(Object.keys(options).sort()).toEqual(['interval', 'retries', 'start-period', 'timeout']);
    expect(await run(healthcheck, { PORT: port })).toBe(0);
    await server.stop();
    expect(await run(healthcheck, { PORT: port })).toBe(1);
  });
});

describe('compose.yaml', () => {
  const { services } = compose;
  const mock = services.mock ?? {};
  const nginx = read('docker/nginx.conf');

  it('runs two replicas of the image with the Dockerfile start flags, sharing a rate limit through its Redis', () => {
    expect(Object.keys(services).sort()).toEqual(['lb', 'mock', 'redis']);
    expect(mock.build).toBe('.');
    expect(mock.deploy?.replicas).toBe(2);
    const cmd = execForm(only('CMD'));
    expect(mock.command?.slice(0, cmd.length)).toEqual(cmd);
    const config = resolveCliConfig(mock.command ?? [], imageEnv);
    expect(config).toMatchObject({ command: 'serve', host: '0.0.0.0', port: Number(imageEnv.PORT) });
    expect(config.command === 'serve' && config.rateLimit).toBeTruthy();
    const redisUrl = new URL(config.command === 'serve' ? (config.redisUrl ?? '') : '');
    expect(services[redisUrl.hostname], `--redis-url names the ${redisUrl.hostname} service`).toBeDefined();
    const redisCommand = services.redis?.command ?? [];
    const redisPort = redisCommand.includes('--port')
      ? redisCommand[redisCommand.indexOf('--port') + 1]
      : '6379';
    expect(redisUrl.port || '6379').toBe(redisPort);
    // The mock exits when Redis does not answer at start: it waits for Redis to be healthy.
    expect(mock.depends_on?.redis?.condition).toBe('service_healthy');
    expect(services.redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('puts nginx in front, balancing over the mock service on the port the image listens on', () => {
    const lb = services.lb ?? {};
    expect(lb.image).toMatch(/^nginx:/);
    const mounted = (lb.volumes ?? []).map((volume) => volume.split(':'));
    expect(mounted).toContainEqual(['./docker/nginx.conf', '/etc/nginx/conf.d/default.conf', 'ro']);
    const upstream = /upstream \w+ \{\s*server ([\w-]+):(\d+);/.exec(nginx);
    expect(upstream?.[1]).toBe('mock');
    expect(upstream?.[2]).toBe(imageEnv.PORT);
    const listen = /^\s*listen (\d+);/m.exec(nginx)?.[1];
    expect(lb.ports).toEqual([`127.0.0.1:4010:${listen}`]);
    // Image URLs are built from Host: the client's must reach the replicas.
    expect(nginx).toContain('proxy_set_header Host $http_host;');
    // The health check of the Dockerfile is what makes a replica healthy.
    expect(lb.depends_on?.mock?.condition).toBe('service_healthy');
  });
});
