#!/usr/bin/env node
/** The command line: the only module that reads argv and the environment, prints, or exits. */
import { readVersion } from './version.js';
import { formatBanner } from './banner.js';
import { ConfigError } from './errors.js';
import { HELP, resolveCliConfig, UsageError, type ServeConfig } from './config.js';
import { formatLogEntry } from './http/request-log.js';

const EXIT_USAGE = 2;
const EXIT_FAILURE = 1;

async function main(): Promise<void> {
  if (process.argv[2] === 'contract') {
    // Loaded only for this command, which has flags, help and exit codes of its own.
    const { runContractCli } = await import('./contract/cli.js');
    const { argv, env, stdout, stderr } = process;
    process.exit(await runContractCli({ argv: argv.slice(3), env, stdout, stderr }));
  }
  let config;
  try {
    config = resolveCliConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`imagegen-mock: ${error.message}. See 'imagegen-mock --help'.\n`);
    process.exit(EXIT_USAGE);
  }
  switch (config.command) {
    case 'help':
      process.stdout.write(HELP);
      return;
    case 'version':
      process.stdout.write(`${readVersion()}\n`);
      return;
    case 'serve':
      await serve(config);
  }
}

async function serve(config: ServeConfig): Promise<void> {
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  // Loaded here, not at the top, so --help and usage errors answer without loading the server.
  const [{ startServer }, { loadSpec, defaultModelId }] = await Promise.all([
    import('./http/start-server.js'),
    import('./openapi/load-spec.js'),
  ]);
  let running;
  let spec;
  try {
    spec = await loadSpec(config.specPath);
    running = await startServer({
      ...config,
      spec,
      ...(config.quiet ? {} : { onRequest: (entry) => log(formatLogEntry(entry, config.logFormat)) }),
      // Shown even with --quiet: a replica that lost the shared limiter counts alone until it is back.
      onWarning: (message) =>
        config.logFormat === 'json'
          ? log(JSON.stringify({ event: 'warning', message }))
          : process.stderr.write(`imagegen-mock: warning: ${message}\n`),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`imagegen-mock: ${error.message}\n`);
    process.exit(EXIT_FAILURE);
  }
  if (config.logFormat === 'json') {
    log(JSON.stringify({ event: 'listening', url: running.url, version: readVersion() }));
  } else {
    const id = defaultModelId(spec, config.defaultModel);
    const defaultModel = {
      id,
      retired: spec.models.get(id)?.retired ?? null,
      source: config.defaultModel !== undefined ? ('flag' as const) : ('spec' as const),
    };
    const keysRestricted = config.apiKeys.length > 0;
    log(
      formatBanner({
        version: readVersion(),
        url: running.url,
        keysRestricted,
        journalServed: config.inspector && config.journalSize > 0,
        inspectorServed: config.inspector,
        settings: config,
        defaultModel,
      }),
    );
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    stopping = true;
    if (!config.quiet) process.stderr.write(`imagegen-mock: ${signal}, finishing in-flight requests\n`);
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `imagegen-mock: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(EXIT_FAILURE);
});
