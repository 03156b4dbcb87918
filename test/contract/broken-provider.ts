import type { IncomingMessage, ServerResponse } from 'node:http';
import { startServer, type RunningServer } from '../../src/http/start-server.js';
import type { Spec } from '../../src/openapi/load-spec.js';
import type {
  Answer,
  Behaviour,
  ForwardedRequest,
  Item,
  SuccessBody,
  SuccessContext,
  UploadEndpoint,
} from './behaviour.js';
import { behaviours, parseObject, type Deviation } from './deviations.js';
import { closeServer, listen, otherHostName, readRequest, send, wait } from './proxy-http.js';

export { BREAKING, TOLERATED, type Deviation } from './deviations.js';

export interface BrokenProviderOptions {
  /** The one key the provider accepts (unless a deviation says otherwise). */
  apiKey?: string;
  /** How long `slow` and `slow-within-timeout` answers of the generation endpoint take, ms. */
  slowMs?: number;
  withinTimeoutMs?: number;
  /** A running conformant host to stand in front of, e.g. a shared `startServer()` that accepts `apiKey`. */
  upstream?: string;
  /** The spec for the conformant host started when `upstream` is not given. */
  spec?: Spec;
}

export interface BrokenProvider {
  /** Ends in `/v1`. */
  baseUrl: string;
  apiKey: string;
  /** Anything the provider itself failed to do (a bug here, not a deviation): must stay empty. */
  faults: string[];
  close: () => Promise<void>;
}

export const BROKEN_PROVIDER_DEFAULTS = {
  apiKey: 'sk-contract-test',
  slowMs: 1_500,
  withinTimeoutMs: 150,
} satisfies BrokenProviderOptions;

/** Image files are kept for the provider's lifetime, up to this many. */
const MAX_FILES = 256;

/** The conformant host answers in milliseconds; this only bounds a hang. */
const UPSTREAM_TIMEOUT_MS = 10_000;

const HOP_HEADERS = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * An OpenAI-style images host on 127.0.0.1 with the given deviations switched on: our own conformant mock
 * behind a rewriting proxy. Image URLs are served by the proxy itself (and, for `urls-on-another-host`, by
 * a second server on another port and host name), so image edits apply to URLs and `b64_json` alike.
 *
 * @example
 * const provider = await startBrokenProvider(['wrong-dimensions']);
 * const report = await runContract({ provider: { kind: 'openai', baseUrl: provider.baseUrl, apiKey: provider.apiKey }, model: 'dall-e-2' });
 * await provider.close();
 */
export async function startBrokenProvider(
  deviations: Iterable<Deviation>,
  options: BrokenProviderOptions = {},
): Promise<BrokenProvider> {
  const config = { ...BROKEN_PROVIDER_DEFAULTS, ...options };
  const active: Behaviour[] = [...new Set(deviations)].map((name) => {
    if (!(name in behaviours)) throw new Error(`unknown deviation '${String(name)}'`);
    return behaviours[name];
  });
  const owned: RunningServer | undefined = config.upstream
    ? undefined
    : await startServer({
        port: 0,
        host: '127.0.0.1',
        apiKeys: [config.apiKey],
        spec: config.spec,
        shutdownTimeoutMs: 1_000,
      });
  const upstream = config.upstream ?? owned?.url ?? '';
  const files = new Map<string, Buffer>();
  const faults: string[] = [];
  const waits = new Set<() => void>();
  let seq = 0;
  let origin = '';
  let otherOrigin = '';

  const forward = async (request: ForwardedRequest): Promise<Answer> => {
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        ([name]) => !HOP_HEADERS.has(name) && name !== 'accept-encoding',
      ),
    );
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const response = await fetch(upstream + request.path, {
      method: request.method,
      headers,
      body: hasBody ? request.body : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS),
    });
    const answerHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HOP_HEADERS.has(name)) answerHeaders[name] = value;
    });
    return {
      status: response.status,
      headers: answerHeaders,
      body: Buffer.from(await response.arrayBuffer()),
    };
  };

  const publish = (bytes: Buffer): string => {
    const name = `img-${++seq}.png`;
    files.set(name, bytes);
    for (const oldest of files.keys()) {
      if (files.size <= MAX_FILES) break;
      files.delete(oldest);
    }
    return `${origin}/files/${name}`;
  };

  const serveFile = (path: string): Answer => {
    const bytes = files.get(path.slice('/files/'.length).split('?')[0] ?? '');
    const answer: Answer = bytes
      ? { status: 200, headers: { 'content-type': 'image/png' }, body: bytes }
      : { status: 404, headers: { 'content-type': 'application/xml' }, body: Buffer.from(BLOB_NOT_FOUND) };
    for (const behaviour of active) behaviour.file?.(answer);
    return answer;
  };

  const fetchUpstreamImage = async (url: string): Promise<Buffer> => {
    const path = new URL(url).pathname;
    const answer = await forward({ method: 'GET', path, headers: {}, body: Buffer.alloc(0) });
    if (answer.status !== 200)
      throw new Error(`the conformant host answered ${answer.status} for its image ${path}`);
    return answer.body;
  };

  /** Edits one item's image in place and returns its final bytes. */
  const editItem = async (item: Item, upload: boolean): Promise<Buffer> => {
    const inline = typeof item.b64_json === 'string';
    let bytes = inline
      ? Buffer.from(String(item.b64_json), 'base64')
      : await fetchUpstreamImage(String(item.url));
    for (const behaviour of active) if (behaviour.image) bytes = behaviour.image(bytes, ++seq);
    if (upload)
      for (const behaviour of active) if (behaviour.uploadImage) bytes = behaviour.uploadImage(bytes, ++seq);
    if (inline) {
      let b64 = bytes.toString('base64');
      for (const behaviour of active) if (behaviour.base64) b64 = behaviour.base64(b64);
      item.b64_json = b64;
    } else {
      item.url = publish(bytes);
    }
    return bytes;
  };

  const generate = async (request: ForwardedRequest, upload = false): Promise<Answer> => {
    const answer = await editGeneration(request, upload);
    const delay = Math.max(0, ...active.map((behaviour) => behaviour.delayMs?.(config) ?? 0));
    if (delay > 0) await wait(delay, waits);
    return answer;
  };

  /**
   * An edit or variation as the deviations rewrite it: its form edited, or a generation sent instead. The
   * form is parsed and written again by the platform (Response.formData, Request with a FormData body).
   */
  const rewriteUpload = async (
    request: ForwardedRequest,
    endpoint: UploadEndpoint,
  ): Promise<ForwardedRequest> => {
    const hooks = active.flatMap((behaviour) => (behaviour.upload ? [behaviour.upload] : []));
    if (hooks.length === 0) return request;
    const contentType = request.headers['content-type'] ?? '';
    const form = await new Response(request.body, { headers: { 'content-type': contentType } }).formData();
    let generation: Record<string, unknown> | undefined;
    for (const hook of hooks) generation = (await hook(form, endpoint)) ?? generation;
    if (generation) {
      return {
        ...request,
        path: '/v1/images/generations',
        headers: { ...request.headers, 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify(generation)),
      };
    }
    const encoded = new Request('http://127.0.0.1/', { method: 'POST', body: form });
    return {
      ...request,
      headers: { ...request.headers, 'content-type': encoded.headers.get('content-type') ?? '' },
      body: Buffer.from(await encoded.arrayBuffer()),
    };
  };

  const editGeneration = async (request: ForwardedRequest, upload: boolean): Promise<Answer> => {
    const sent = parseObject(request.body) ?? {};
    for (const behaviour of active) behaviour.request?.(request, config.apiKey);
    const replaced = active.map((behaviour) => behaviour.respond?.(request, config.apiKey)).find(Boolean);
    const answer = replaced ?? (await forward(request));
    if (answer.status >= 400) {
      for (const behaviour of active) behaviour.error?.(answer);
      return answer;
    }
    if (answer.status !== 200) return answer;
    const body = JSON.parse(answer.body.toString('utf8')) as SuccessBody;
    const images = await Promise.all(body.data.map((item) => editItem(item, upload)));
    const context: SuccessContext = {
      request: sent,
      headers: answer.headers,
      images,
      publish,
      origin,
      otherOrigin,
      seq: ++seq,
    };
    for (const behaviour of active) behaviour.success?.(body, context);
    answer.body = Buffer.from(JSON.stringify(body));
    return answer;
  };

  const route = (request: ForwardedRequest): Promise<Answer> | Answer => {
    const path = request.path.split('?')[0] ?? '';
    if (request.method === 'GET' && path.startsWith('/files/')) return serveFile(path);
    if (request.method === 'POST' && path === '/v1/images/generations') return generate(request);
    const upload = /^\/v1\/images\/(edits|variations)$/.exec(path)?.[1] as UploadEndpoint | undefined;
    if (request.method === 'POST' && upload) {
      return rewriteUpload(request, upload).then((rewritten) => generate(rewritten, true));
    }
    return forward(request);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const request = await readRequest(req);
      const answer = await route(request);
      for (const behaviour of active) behaviour.headers?.(answer.headers);
      for (const behaviour of active) behaviour.wire?.(answer, request);
      send(res, answer);
    } catch (error) {
      faults.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('broken provider fault');
    }
  };

  const main = await listen(handle);
  const other = await listen(handle);
  origin = `http://127.0.0.1:${main.port}`;
  otherOrigin = `http://${await otherHostName()}:${other.port}`;

  return {
    baseUrl: `${origin}/v1`,
    apiKey: config.apiKey,
    faults,
    close: async () => {
      for (const release of waits) release();
      await Promise.all([closeServer(main.server), closeServer(other.server), owned?.close()]);
    },
  };
}

const BLOB_NOT_FOUND =
  '<?xml version="1.0" encoding="utf-8"?><Error><Code>BlobNotFound</Code>' +
  '<Message>The specified blob does not exist.</Message></Error>';
