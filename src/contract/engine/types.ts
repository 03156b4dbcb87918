/**
 * The contract suite's vocabulary, shared by the checks, the runner, the reporters, the CLI and the vitest
 * adapter. Everything here is plain data: no HTTP, no vitest, no process.
 */

/** MUST fails the run; SHOULD only warns. */
export type Severity = 'must' | 'should';

/** A failed SHOULD check is reported as a warning, never as a failure of the run. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export type ProviderKind = 'openai' | 'azure' | 'generic';

/** How to reach and authenticate with the provider under test. */
export interface ProviderOptions {
  kind: ProviderKind;
  /** For `openai` and `generic`: the base URL ending in `/v1`. For `azure`: `https://{resource}.openai.azure.com`. */
  baseUrl: string;
  apiKey?: string;
  /** Azure: the deployment path segment; defaults to the model name. */
  deployment?: string;
  /** Azure: the `api-version` query parameter. */
  apiVersion?: string;
  /** Generic: the path of the generation endpoint below `baseUrl`, e.g. `/images/generations`, `{model}` allowed. */
  pathTemplate?: string;
  /** Generic: the header the key goes in (`authorization` by default). */
  authHeader?: string;
  /** Generic: the scheme before the key (`Bearer` by default; empty for a bare key). */
  authScheme?: string;
}

export interface ContractOptions {
  provider: ProviderOptions;
  /** The model to test; the plan asks only for what the model table says it supports. */
  model: string;
  /** Hard cap on billable images the run may ask for. Default 6. */
  maxImages?: number;
  /** Per generating request, ms. Default 300 000. */
  timeoutMs?: number;
  /** Per request that should fail fast (errors, auth), ms. Default 30 000. */
  errorTimeoutMs?: number;
  /** Requests in flight at once. Default 2. */
  concurrency?: number;
  /** Check ids (or id prefixes like `image.`) to run or to leave out. */
  only?: readonly string[];
  skip?: readonly string[];
  /** Also check that identical requests give identical bytes (our mock; never real providers). */
  expectDeterministic?: boolean;
  /** 429s are retried up to this many times, honouring `retry-after` up to `maxRetryAfterMs`. */
  maxRetries?: number;
  maxRetryAfterMs?: number;
  /** The contract to validate answers against; the bundled `openapi.yaml` by default. */
  specPath?: string;
  /** Injected for tests; global `fetch` by default. */
  fetch?: typeof fetch;
}

/**
 * One part of a multipart/form-data body: a text field, or a file with its name, declared type and bytes
 * (`summary` says in words what the bytes are, for the dry run and reports).
 */
export type FormField =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; bytes: Uint8Array; summary: string };

/** One HTTP request the plan will send, as data (also what `--dry-run` prints and curl repros are made of). */
export interface PlannedRequest {
  method: 'POST' | 'GET';
  url: string;
  /** Header values as sent, the key included; reporters redact with `redactHeaders`. */
  headers: Record<string, string>;
  /** The body exactly as sent: a JSON string, a deliberately malformed string, or empty. */
  body?: string;
  /**
   * A multipart/form-data body (edits, variations), sent with the platform's `FormData`, which writes the
   * boundary and the content type: instead of `body`, and `headers` then carry no `content-type`.
   */
  form?: FormField[];
  /** Images this request may bill (0 for requests that must be rejected). */
  billableImages: number;
  /** Estimated USD from the model table's prices. */
  estimatedCostUsd: number;
  /** What the request is for, e.g. `generate.b64` or `reject.n-zero` (for dry-run listings and reports). */
  purpose?: string;
  /**
   * The credentials it carries: the run's own (`configured`, the key given or none when none was given),
   * none on purpose (`omitted`) or a made-up key (`wrong`). A 401 or 403 to a `configured` request means
   * the credentials are bad, and stops the run. Image URL fetches carry none and leave this out.
   */
  credentials?: 'configured' | 'omitted' | 'wrong';
}

/** What happened on the wire for one request, kept for reasons and repros. */
export interface Exchange {
  request: PlannedRequest;
  status: number;
  headers: Record<string, string>;
  /** The body bytes (already un-gzipped by fetch). */
  body: Buffer;
  durationMs: number;
  /** Retries spent on 429s. */
  retries: number;
}

export interface CheckDefinition {
  /** Stable, dotted, kebab-case id, e.g. `image.dimensions`; used by `--only/--skip` and in JUnit. */
  id: string;
  /** One line saying what a provider must do to pass. */
  title: string;
  severity: Severity;
}

export interface CheckResult extends CheckDefinition {
  status: CheckStatus;
  /** One line: why it failed or was skipped, or what was verified. */
  reason: string;
  durationMs: number;
  /** A curl command that reproduces a failure, key redacted. */
  repro?: string;
}

export interface ContractSummary {
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
}

export interface ContractReport {
  model: string;
  provider: ProviderKind;
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  /** What the plan allowed for: the images asked for and their estimated cost. */
  billableImages: number;
  estimatedCostUsd: number;
  /** What was billed: images that came back (rejections wrongly accepted included) at the table's prices. */
  billedImages: number;
  billedCostUsd: number;
  results: CheckResult[];
  summary: ContractSummary;
  /** Assumptions the plan made, e.g. a model missing from the model table. */
  notes?: string[];
  /** The images the provider returned, in plan order; only when the run was asked to keep them (`keepImages`). */
  images?: ReturnedImage[];
}

/** One item of a generation's `data`, with the image bytes when they could be had (for the HTML report). */
export interface ReturnedImage {
  /** The plan step that asked for it, e.g. `generate.n2`. */
  purpose: string;
  /** Its position in `data`, from 0. */
  index: number;
  /** How many items the answer held. */
  count: number;
  /** The request it answered, without headers (they carry the key). */
  request: Pick<PlannedRequest, 'method' | 'url' | 'body'>;
  /** What the request asked for. */
  asked: { n: number; size: string; responseFormat: 'url' | 'b64_json' };
  /** How the image came: `b64_json` decoded, or `url` fetched. */
  source: 'b64_json' | 'url' | 'none';
  /** The `url` the item named, as given (it may hold a signature: show it with care). */
  url?: string;
  bytes?: Buffer;
  /** PNG, JPEG or WebP, and its size, as the bytes say (no claim is trusted); undefined when they are none. */
  format?: 'png' | 'jpeg' | 'webp';
  width?: number;
  height?: number;
  /** Empty for a valid image; otherwise each way the bytes (or their absence) fall short. */
  problems: string[];
}

/** Progress as it happens, so a five-minute run never looks hung. */
export type ContractEvent =
  | { type: 'check-start'; check: CheckDefinition }
  | { type: 'check-end'; result: CheckResult }
  | { type: 'request-start'; request: PlannedRequest }
  | { type: 'request-end'; request: PlannedRequest; status: number; durationMs: number }
  | { type: 'retry'; request: PlannedRequest; attempt: number; waitMs: number };

export interface ContractPlan {
  model: string;
  requests: PlannedRequest[];
  checks: CheckDefinition[];
  billableImages: number;
  estimatedCostUsd: number;
  /** Checks that will not run, each with the reason (model capability, `maxImages`, options). */
  skipped?: (CheckDefinition & { reason: string })[];
  /** Assumptions the plan made, e.g. a model missing from the model table. */
  notes?: string[];
}
