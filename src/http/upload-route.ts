import type { RequestHandler, Response } from 'express';
import type { ApiError } from '../errors.js';
import { createEdit, type EditContext, type EditInputs, type EditOutput } from '../edits/create-edit.js';
import { formatEditEvent, streamEdit } from '../edits/stream-edit.js';
import { hasPromptMarker, sleep, stripPromptMarkers } from '../faults/index.js';
import { renderEdit } from '../images/index.js';
import type { JournalImage } from '../journal/index.js';
import { checkUploads } from '../uploads/check-uploads.js';
import { resolveEditRequest, sizeForAspect, type EditRequest } from '../validation/resolve-edit-request.js';
import type { RouteContext } from './app-deps.js';
import { bearerToken } from './authenticate.js';
import { abortOnClose, answerFault } from './fault-answer.js';
import { imageBaseUrl, IMAGE_ROUTE_PREFIX } from './image-route.js';
import { ADMIN_IMAGE_PREFIX } from './admin-image-route.js';
import { requestState, sendError, sendJson, setProcessingTime } from './respond.js';
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
  const { spec, faults, uploads, now } = deps;
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

    const decision = faults.decide({
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
    };
    const context: EditContext = {
      render: renderEdit,
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
    const answer = createEdit(request, inputs, context);
    requestState(res).images = answer.outputs.map(journalImage);
    sendJson(res, 200, JSON.stringify(answer.body));
  };
}

/** Streams the events over the simulated duration, drawing each image when its event is due. */
async function streamAnswer(
  res: Response,
  request: EditRequest,
  inputs: EditInputs,
  context: EditContext,
  journalImage: (output: EditOutput) => JournalImage,
  timesMs: (count: number) => number[],
  signal: AbortSignal,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  setProcessingTime(res);
  res.flushHeaders();
  const state = requestState(res);
  state.images = [];
  const times = timesMs(request.n * (request.partial_images + 1));
  let elapsed = 0;
  let index = 0;
  for (const event of streamEdit(request, inputs, context)) {
    const at = times[index++] ?? 0;
    await sleep(Math.max(0, at - elapsed), signal);
    elapsed = Math.max(elapsed, at);
    if (signal.aborted) return;
    if (event.output) state.images.push(journalImage(event.output));
    res.write(formatEditEvent(event));
  }
  res.end();
}
