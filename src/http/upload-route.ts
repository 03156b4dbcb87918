import { createHash } from 'node:crypto';
import type { RequestHandler, Response } from 'express';
import type { ApiError } from '../errors.js';
import { createEdit, type EditContext, type EditInputs, type EditOutput } from '../edits/create-edit.js';
import { formatEditEvent, streamEdit } from '../edits/stream-edit.js';
import { hasPromptMarker, sleep, stripPromptMarkers } from '../faults/index.js';
import type { JournalImage } from '../journal/index.js';
import { checkUploads } from '../uploads/check-uploads.js';
import type { UploadedFile } from '../uploads/read-multipart.js';
import type { EditRenderParams } from '../images/index.js';
import { resolveEditRequest, sizeForAspect, type EditRequest } from '../validation/resolve-edit-request.js';
import type { RouteContext } from './app-deps.js';
import { bearerToken } from './authenticate.js';
import { abortOnClose, answerFault } from './fault-answer.js';
import { imageBaseUrl, IMAGE_ROUTE_PREFIX } from './image-route.js';
import { ADMIN_IMAGE_PREFIX } from './admin-image-route.js';
import { jsonPieces } from '../generations/json-pieces.js';
import { requestState, sendError, sendEventStream, sendJsonPieces } from './respond.js';
import { answerEarly, journalUploads, readUploadRequest } from './upload-request.js';

/** `POST /v1/images/edits`: multipart or JSON, the GPT image models and dall-e-2. */
export function editRoute(context: RouteContext): RequestHandler {
  return uploadRoute(context, 'edit');
}

/** `POST /v1/images/variations`: multipart, dall-e-2. */
export function variationRoute(context: RouteContext): RequestHandler {
  return uploadRoute(context, 'variation');
}

/**
 * Reads the body (failing fast on a broken or oversized upload), validates the text fields, checks and
 * decodes the files, lets the fault policy decide, then answers with JSON or, for `stream: true`,
 * server-sent events. One error per request, in the order the README gives.
 */
function uploadRoute({ deps, settings }: RouteContext, kind: 'edit' | 'variation'): RequestHandler {
  const { spec, faults, images: store, uploads, now } = deps;
  return async (req, res) => {
    const signal = abortOnClose(res);
    const read = await readUploadRequest(req, res, kind === 'edit');
    if (!read.ok) return answerEarly(req, res, read.error);
    const { images, mask } = read.value;
    const files = mask ? [...images, mask] : images;
    const onDecoded = journalUploads(req, res, files, uploads, settings);
    const fail = async (error: ApiError): Promise<void> => {
      await sleep(faults.errorDelayMs(), signal);
      if (!signal.aborted) sendError(req, res, error);
    };

    const resolution = resolveEditRequest(spec, kind, read.value, settings);
    if (!resolution.ok) return fail(resolution.error);
    const checked = await checkUploads(images, mask, { rules: resolution.request.rules, kind, onDecoded });
    if (!checked.ok) return fail(checked.error);
    const { uploads: decoded } = checked;
    const first = decoded.images[0]!;
    let request: EditRequest = resolution.request;
    if (request.autoSize)
      request = { ...request, size: sizeForAspect(request.profile, first.width, first.height) };

    const decision = await faults.decide({
      prefer: req.headers.prefer,
      query: req.query,
      apiKey: bearerToken(req),
      request,
      requestId: requestState(res).requestId,
    });
    // Markers ask for faults; they are not part of the picture, so the image is the one without them.
    if (hasPromptMarker(request.prompt)) request = { ...request, prompt: stripPromptMarkers(request.prompt) };
    if (await answerFault(req, res, decision, signal)) return;

    const inputs: EditInputs = {
      base: decoded.base,
      ...(decoded.mask ? { mask: decoded.mask } : {}),
      images: decoded.images,
      digest: digestFiles(files),
    };
    const context: EditContext = {
      // Cached and shared in flight under the inputs' digest and every other parameter.
      render: (params) => store.renderTask('edit', params, { key: editKey(params) }),
      keepOutput: (bytes, format) => uploads.keepOutput(bytes, format),
      imageUrl: (file) => `${imageBaseUrl(req, settings.publicUrl)}${IMAGE_ROUTE_PREFIX}${file}`,
      nowSeconds: () => Math.floor(now() / 1000),
    };
    const journalImage = (output: EditOutput): JournalImage => ({
      format: output.format,
      size: output.size,
      url:
        request.response_format === 'url'
          ? context.imageUrl(output.file)
          : settings.inspector
            ? `${imageBaseUrl(req, settings.publicUrl)}${ADMIN_IMAGE_PREFIX}${output.file}`
            : null,
    });
    if (request.stream) {
      return streamAnswer(
        res,
        request,
        inputs,
        context,
        journalImage,
        (count) => faults.streamTimesMs(decision.delayMs, count),
        signal,
      );
    }
    await sleep(decision.delayMs, signal);
    if (signal.aborted) return;
    const answer = await createEdit(request, inputs, context);
    requestState(res).images = answer.outputs.map(journalImage);
    await sendJsonPieces(res, 200, jsonPieces(answer.body));
  };
}

/** Draws the events' images, then streams the events over the simulated duration. */
async function streamAnswer(
  res: Response,
  request: EditRequest,
  inputs: EditInputs,
  context: EditContext,
  journalImage: (output: EditOutput) => JournalImage,
  timesMs: (count: number) => number[],
  signal: AbortSignal,
): Promise<void> {
  const events = await streamEdit(request, inputs, context);
  if (signal.aborted) return;
  const state = requestState(res);
  state.images = [];
  await sendEventStream(res, events.map(formatEditEvent), timesMs(events.length), signal, (index) => {
    const output = events[index]?.output;
    if (output) state.images?.push(journalImage(output));
  });
}

/** One digest over every uploaded file, each prefixed with its length so the boundaries count. */
function digestFiles(files: readonly UploadedFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.field}:${file.bytes.length}:`).update(file.bytes);
  return hash.digest('hex');
}

/** The cache key of an edit's image: its parameters, the pixels standing in as the digest of the files. */
function editKey(params: EditRenderParams): string {
  const described = JSON.stringify(params, (key, value: unknown) =>
    key === 'base' || key === 'mask' ? undefined : value,
  );
  return `edit:${createHash('sha256').update(described).digest('base64url')}`;
}
