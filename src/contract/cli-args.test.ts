import { describe, expect, it } from 'vitest';
import { UsageError } from '../config.js';
import { DEFAULT_CONTRACT_MODEL, parseContractArgs, type ContractCommand } from './cli-args.js';

const BASE = ['--base-url', 'https://api.openai.com/v1'];

function run(argv: string[], env: Record<string, string> = {}): Extract<ContractCommand, { command: 'run' }> {
  const command = parseContractArgs(argv, env);
  if (command.command !== 'run') throw new Error(`expected a run, got ${command.command}`);
  return command;
}

describe('parseContractArgs', () => {
  it('answers --help and --list without needing a base URL', () => {
    expect(parseContractArgs(['--help'], {})).toEqual({ command: 'help' });
    expect(parseContractArgs(['--model', 'x', '-h'], {})).toEqual({ command: 'help' });
    expect(parseContractArgs(['--list', '--no-color'], {})).toEqual({ command: 'list', noColor: true });
  });

  it('uses the cheapest current model and no other defaults of its own', () => {
    expect(run(BASE)).toEqual({
      command: 'run',
      options: {
        provider: { kind: 'openai', baseUrl: 'https://api.openai.com/v1' },
        model: DEFAULT_CONTRACT_MODEL,
      },
      dryRun: false,
      noColor: false,
    });
    expect(DEFAULT_CONTRACT_MODEL).toBe('gpt-image-1-mini');
  });

  it('maps every flag onto the options', () => {
    const command = run([
      ...BASE,
      '--api-key',
      'sk-flag',
      '--model',
      'dall-e-2',
      '--max-images',
      '0',
      '--timeout',
      '2.5',
      '--concurrency',
      '3',
      '--only',
      'image.',
      '--only',
      'auth.missing-key',
      '--skip',
      'image.url-fetch',
      '--expect-deterministic',
      '--dry-run',
      '--junit',
      'out/contract.xml',
      '--json',
      'out/contract.json',
      '--no-color',
    ]);
    expect(command).toEqual({
      command: 'run',
      options: {
        provider: { kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-flag' },
        model: 'dall-e-2',
        maxImages: 0,
        timeoutMs: 2500,
        concurrency: 3,
        only: ['image.', 'auth.missing-key'],
        skip: ['image.url-fetch'],
        expectDeterministic: true,
      },
      dryRun: true,
      junitPath: 'out/contract.xml',
      jsonPath: 'out/contract.json',
      noColor: true,
    });
  });

  it('falls back to OPENAI_BASE_URL and OPENAI_API_KEY, and flags win', () => {
    const env = { OPENAI_BASE_URL: 'http://127.0.0.1:4010/v1/', OPENAI_API_KEY: 'sk-env' };
    expect(run([], env).options.provider).toEqual({
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:4010/v1',
      apiKey: 'sk-env',
    });
    expect(run([...BASE, '--api-key', 'sk-flag'], env).options.provider).toEqual({
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-flag',
    });
  });

  it('reads the Azure variables the official SDKs read for --provider azure, and only then', () => {
    const env = {
      AZURE_OPENAI_ENDPOINT: 'https://res.openai.azure.com/',
      AZURE_OPENAI_API_KEY: 'az-key',
      OPENAI_API_VERSION: '2025-04-01-preview',
      OPENAI_API_KEY: 'sk-openai',
      OPENAI_BASE_URL: 'https://api.openai.com/v1',
    };
    expect(run(['--provider', 'azure', '--deployment', 'img'], env).options.provider).toEqual({
      kind: 'azure',
      baseUrl: 'https://res.openai.azure.com',
      apiKey: 'az-key',
      apiVersion: '2025-04-01-preview',
      deployment: 'img',
    });
    expect(run([], env).options.provider).toEqual({
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-openai',
    });
  });

  it('takes the generic provider path and auth settings, a bare key included', () => {
    const argv = ['--provider', 'generic', '--base-url', 'http://127.0.0.1:8080/v1'];
    argv.push('--path', '/images/{model}/generate', '--auth-header', 'x-api-key', '--auth-scheme', '');
    expect(run(argv).options.provider).toEqual({
      kind: 'generic',
      baseUrl: 'http://127.0.0.1:8080/v1',
      pathTemplate: '/images/{model}/generate',
      authHeader: 'x-api-key',
      authScheme: '',
    });
  });

  it.each([
    [[], /--base-url is required \(or OPENAI_BASE_URL\)/],
    [['--provider', 'azure'], /--base-url is required \(or AZURE_OPENAI_ENDPOINT\)/],
    [
      ['--base-url', 'http://127.0.0.1:4010'],
      /must end in \/v1 .*did you mean 'http:\/\/127\.0\.0\.1:4010\/v1'/,
    ],
    [
      ['--base-url', 'https://api.openai.com/v1/images/generations'],
      /did you mean 'https:\/\/api\.openai\.com\/v1'/,
    ],
    [['--base-url', 'api.openai.com/v1'], /--base-url must be an http\(s\) URL/],
    [['--base-url', 'ftp://host/v1'], /--base-url must be an http\(s\) URL/],
    [['--base-url', 'https://host/v1?x=1'], /must not carry a query/],
    [[...BASE, '--provider', 'anthropic'], /--provider must be one of openai, azure, generic/],
    [[...BASE, '--max-images=-1'], /--max-images must be an integer >= 0/],
    [[...BASE, '--max-images', 'four'], /--max-images must be an integer >= 0/],
    [[...BASE, '--concurrency', '0'], /--concurrency must be an integer >= 1/],
    [[...BASE, '--timeout', '0'], /--timeout must be a number of seconds above 0/],
    [[...BASE, '--timeout', '5m'], /--timeout must be a number of seconds/],
    [[...BASE, '--deployment', 'd'], /--deployment applies to --provider azure only/],
    [[...BASE, '--path', '/x'], /--path applies to --provider generic only/],
    [['--provider', 'generic', ...BASE, '--path', 'images'], /--path must start with '\/'/],
    [['--provider', 'generic', ...BASE, '--auth-header', 'x key'], /--auth-header must be a header name/],
    [[...BASE, '--api-key', ' '], /--api-key needs a non-empty key/],
    [[...BASE, '--model', ''], /--model needs a model name/],
    [[...BASE, '--junit', ''], /--junit needs a file path/],
    [[...BASE, '--bogus'], /unknown option '--bogus'/i],
    [[...BASE, '--timeout'], /--timeout/],
    [[...BASE, 'extra'], /unexpected argument 'extra'/],
  ])('rejects %j with a one-line UsageError', (argv, message) => {
    let error: unknown;
    try {
      parseContractArgs(argv, {});
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
