import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import { readVersion } from '../version.js';
import { UsageError } from '../config.js';
import { CHECK_IDS, matchesCheck } from './checks/catalogue.js';
import { DEFAULT_CONTRACT_MODEL, parseContractArgs } from './cli-args.js';
import { choosePalette } from './report/color.js';
import { formatConsoleReport, formatImages, formatUsd, oneLine } from './report/console.js';
import { formatJsonReport } from './report/json.js';
import { formatJunit } from './report/junit.js';
import { formatPlan } from './report/plan.js';
import { createProgress, holdLines } from './report/progress.js';
import type { ContractEvent, ContractOptions, ContractReport } from './engine/types.js';
import { renderHtmlReport, reportPathProblem, writeReportFile } from './write-report.js';

/** What `imagegen-mock contract` is handed by the process: it reads and writes nothing else but report files. */
export interface ContractCliIo {
  /** The arguments after `contract`. */
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  stdout: Output;
  stderr: Output;
}

interface Output {
  write: (text: string) => unknown;
  isTTY?: boolean;
}

export const EXIT = { passed: 0, failed: 1, usage: 2 } as const;

/**
 * Runs `imagegen-mock contract ...` and resolves with the exit code: 0 when every check passed (warnings
 * allowed), 1 when a MUST check failed, 2 on a usage problem or when the provider cannot be reached.
 */
export async function runContractCli(io: ContractCliIo): Promise<number> {
  try {
    return await dispatch(io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      return fail(io, `${asSentence(stripPrefix(error.message))} See 'imagegen-mock contract --help'.`);
    }
    throw error;
  }
}

async function dispatch(io: ContractCliIo): Promise<number> {
  const command = parseContractArgs(io.argv, io.env);
  if (command.command === 'help') {
    io.stdout.write(CONTRACT_HELP);
    return EXIT.passed;
  }
  const out = choosePalette({ isTTY: io.stdout.isTTY === true, noColorFlag: command.noColor, env: io.env });
  const engine = await import('./index.js');
  if (command.command === 'list') {
    const checks = engine.listChecks();
    const width = Math.max(...checks.map((check) => check.id.length));
    for (const check of checks) {
      io.stdout.write(
        `${check.id.padEnd(width)}  ${check.severity.toUpperCase().padEnd(6)}  ${check.title}\n`,
      );
    }
    return EXIT.passed;
  }

  const { options } = command;
  for (const [flag, patterns] of [
    ['--only', options.only],
    ['--skip', options.skip],
  ] as const) {
    const unknown = patterns?.find((pattern) => !CHECK_IDS.some((id) => matchesCheck(id, [pattern])));
    if (unknown !== undefined) {
      throw new UsageError(`${flag} '${unknown}' names no check; 'imagegen-mock contract --list' lists them`);
    }
  }
  await checkReportPaths(command);
  const target = describeTarget(options);
  if (command.dryRun) {
    const plan = await engine.planContract(options);
    io.stdout.write(formatPlan(plan, { redactHeaders: engine.redactHeaders, target, palette: out }));
    return EXIT.passed;
  }

  const err = choosePalette({ isTTY: io.stderr.isTTY === true, noColorFlag: command.noColor, env: io.env });
  const plan = await engine.planContract(options);
  // Held until the provider first answers other than 401/403 (or a second passes from the first request):
  // an unreachable one, or one that refuses the key, gets a single line.
  const output = holdLines((line) => void io.stderr.write(`${line}\n`), 1000, { clock: 'on-start' });
  output.write(
    `Checking ${target}: ${plan.checks.length} checks, ${plan.requests.length} requests, ` +
      `${formatImages(plan.billableImages)} billable (about ${formatUsd(plan.estimatedCostUsd)})`,
  );
  const progress = createProgress({ write: output.write, palette: err });
  const onEvent = (event: ContractEvent): void => {
    if (event.type === 'request-start') output.start();
    if (event.type === 'request-end' && event.status > 0 && event.status !== 401 && event.status !== 403)
      output.release();
    progress.onEvent(event);
  };
  let report: ContractReport;
  try {
    report = await engine.runContract(options, { onEvent, keepImages: command.htmlPath !== undefined });
  } catch (error) {
    output.discard();
    if (error instanceof engine.ContractCredentialsError) {
      return fail(io, `${oneLine(error.message)}; ${keyHint(options, error.keyGiven)}`);
    }
    if (!(error instanceof engine.ContractConnectionError)) throw error;
    return fail(io, oneLine(error.message));
  } finally {
    progress.stop();
    output.release();
  }

  io.stdout.write(formatConsoleReport(report, out));
  const written = await writeReports(report, command);
  if (!written.ok) return fail(io, written.message);
  return report.summary.failed > 0 ? EXIT.failed : EXIT.passed;
}

interface ReportPaths {
  junitPath?: string;
  jsonPath?: string;
  htmlPath?: string;
}

/** Report paths that cannot be files are a usage problem, found before anything is sent or spent. */
async function checkReportPaths(paths: ReportPaths): Promise<void> {
  const flags = [
    ['--junit', paths.junitPath],
    ['--json', paths.jsonPath],
    ['--html', paths.htmlPath],
  ] as const;
  const seen = new Map<string, string>();
  for (const [flag, path] of flags) {
    if (path === undefined) continue;
    const problem = await reportPathProblem(path);
    if (problem !== undefined) throw new UsageError(`${flag} ${problem}`);
    const other = seen.get(resolve(path));
    if (other !== undefined) throw new UsageError(`${other} and ${flag} name the same file '${path}'`);
    seen.set(resolve(path), flag);
  }
}

async function writeReports(
  report: ContractReport,
  paths: ReportPaths,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const files: [string | undefined, () => string | Promise<string>][] = [
    [paths.junitPath, () => formatJunit(report)],
    [paths.jsonPath, () => formatJsonReport(report, readVersion())],
    [paths.htmlPath, () => renderHtmlReport(report, readVersion())],
  ];
  for (const [path, format] of files) {
    if (path === undefined) continue;
    try {
      await writeReportFile(path, await format());
    } catch (error) {
      return { ok: false, message: `cannot write ${path}: ${(error as Error).message}` };
    }
  }
  return { ok: true };
}

function fail(io: ContractCliIo, message: string): number {
  io.stderr.write(`imagegen-mock contract: ${message}\n`);
  return EXIT.usage;
}

/** Where the key comes from, for the line that says the provider refused it (or wants one). */
function keyHint(options: ContractOptions, keyGiven: boolean): string {
  const variable = options.provider.kind === 'azure' ? 'AZURE_OPENAI_API_KEY' : 'OPENAI_API_KEY';
  return keyGiven
    ? `check --api-key or ${variable}; nothing was judged`
    : `pass --api-key or set ${variable}; nothing was judged`;
}

function describeTarget(options: ContractOptions): string {
  return `${options.model} at ${options.provider.baseUrl} (${options.provider.kind})`;
}

/** The text with a full stop, unless it already ends a sentence (`did you mean '…'?`). */
function asSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** Engine configuration errors start with `contract: `; the CLI prints its own prefix. */
function stripPrefix(message: string): string {
  return oneLine(message).replace(/^contract: /, '');
}

export const CONTRACT_HELP = `imagegen-mock contract: check that a provider honours the OpenAI images contract

Usage:
  imagegen-mock contract --base-url <url> [options]
  imagegen-mock contract --list

Sends a small plan of requests to the provider's POST .../images/generations and runs named checks on
the answers: schema and status, the image bytes (valid, decodable, of the requested size), rejection of
invalid requests with the error envelope, authentication, headers. A failed MUST check fails the run; a
failed SHOULD check is a warning.

Provider:
      --base-url <url>      the API base ending in /v1, e.g. https://api.openai.com/v1 (env OPENAI_BASE_URL);
                            azure: the resource endpoint https://<resource>.openai.azure.com
                            (env AZURE_OPENAI_ENDPOINT)
      --api-key <key>       the key (env OPENAI_API_KEY; azure: AZURE_OPENAI_API_KEY); never printed,
                            reports and repros mask it
      --provider <kind>     openai (default), azure, or generic
      --model <name>        the model to test (default ${DEFAULT_CONTRACT_MODEL}, the cheapest current model:
                            about $0.005 an image at low quality). Only sizes, n, qualities and formats the
                            model supports are asked for
      --deployment <name>   azure: the deployment (default: the model name)
      --api-version <v>     azure: the api-version query parameter (env OPENAI_API_VERSION,
                            default 2025-04-01-preview)
      --path <template>     generic: the endpoint's path below the base URL, {model} replaced
                            (default /images/generations; edits go to /images/edits beside it)
      --auth-header <name>  generic: the header that carries the key (default Authorization)
      --auth-scheme <word>  generic: the word before the key (default Bearer; '' for a bare key)

Cost and time:
      --max-images <n>      hard cap on billable images (default 6); checks that would need more are
                            skipped. 0 runs only the checks that cost nothing (rejections, auth)
      --dry-run             print every planned request (keys masked), the billable images and the
                            estimated cost, and send nothing
      --timeout <seconds>   per generating request (default 300); errors must come within 30
      --concurrency <n>     requests in flight at once (default 2); 429s are retried honouring retry-after

Checks:
      --list                list every check with its severity and exit
      --only <check>        run only this check, or every check under a prefix such as image. (repeatable)
      --skip <check>        leave this check or prefix out (repeatable)
      --expect-deterministic
                            also require identical requests to give identical images (for mocks such
                            as this one; real providers are not deterministic)

Reports:
      --junit <file>        also write JUnit XML: one testcase per check
      --json <file>         also write the report as JSON
      --html <file>         also write the report as one self-contained HTML page: the summary, each
                            check, the curl repro of each failure and thumbnails of the images returned
      --no-color            no colour (nor with NO_COLOR set; colour is only used on a terminal)
  -h, --help                show this help

Progress goes to stderr as it happens. The table, a curl command reproducing each failure (key read from
the environment) and the summary line "N passed, N failed, N warned, N skipped" go to stdout.

Exit codes:
  0  every check passed (warnings and skips allowed)
  1  a MUST check failed
  2  a usage problem, the provider could not be reached, or it refused the key (or demands one)

Examples:
  imagegen-mock contract --base-url https://api.openai.com/v1 --dry-run
  imagegen-mock contract --base-url https://api.openai.com/v1 --junit reports/contract.xml \\
    --html reports/contract.html
  imagegen-mock contract --provider azure --base-url https://my-resource.openai.azure.com \\
    --deployment my-gpt-image --model gpt-image-1-mini
  imagegen-mock contract --base-url http://127.0.0.1:4010/v1 --api-key sk-mock --model dall-e-2 \\
    --expect-deterministic
`;
