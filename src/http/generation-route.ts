import type { RequestHandler, Response } from 'express';
import {
  createGeneration,
  toRenderParams,
  type GenerationContext,
} from '../generations/create-generation.js';
import type { JournalImage } from '../journal/index.js';
import type { RenderParams } from '../images/index.js';
import { formatEvent, streamGeneration } from '../generations/stream-generation.js';
import { jsonPieces } from '../generations/json-pieces.js';
import { hasPromptMarker, sleep, stripPromptMarkers } from '../faults/index.js';
import { resolveRequest, type GenerationRequest } from '../validation/resolve-request.js';
import type { RouteContext } from './app-deps.js';
import { bearerToken } from './authenticate.js';
import { abortOnClose, answerFault } from './fault-answer.js';
import { imageUrl } from './image-route.js';
import { adminImageUrl } from './admin-image-route.js';
import { requestState, sendError, sendEventStream, sendJsonPieces } from './respond.js';

/**
 * `POST /v1/images/generations`: validate, let the fault policy decide on failures and pacing, then answer
 * with JSON or, for `stream: true`, server-sent events. A client that disconnects stops every wait.
 */
export function generationRoute({ deps, settings }: RouteContext): RequestHandler {
  const { spec, faults, images, now } = deps;
  return async (req, res) => {
    const signal = abortOnClose(res);
    // A body that is not JSON (wrong content type) is ignored, as the real API ignores it.
    const resolution = resolveRequest(spec, req.body === undefined ? {} : req.body, settings);
    if (!resolution.ok) {
      await sleep(faults.errorDelayMs(), signal);
      return sendError(req, res, resolution.error);
    }
    const decision = await faults.decide({
      prefer: req.headers.prefer,
      query: req.query,
      apiKey: bearerToken(req),
      request: resolution.request,
      requestId: requestState(res).requestId,
    });
    // Markers ask for faults; they are not part of the picture, so the image is the one without them.
    const request = hasPromptMarker(resolution.request.prompt)
      ? { ...resolution.request, prompt: stripPromptMarkers(resolution.request.prompt) }
      : resolution.request;
    if (await answerFault(req, res, decision, signal)) return;
    const context: GenerationContext = {
      images,
      imageUrl: (token) => imageUrl(req, settings.publicUrl, token),
      nowSeconds: () => Math.floor(now() / 1000),
    };
    requestState(res).images = journalImages(request, context, (params) =>
      settings.inspector
        ? adminImageUrl(req, settings.publicUrl, params, images.renderTokenFor(params))
        : undefined,
    );
    if (request.stream) {
      return streamAnswer(
        res,
        request,
        context,
        (count) => faults.streamTimesMs(decision.delayMs, count),
        signal,
      );
    }
    await sleep(decision.delayMs, signal);
    if (signal.aborted) return;
    await sendJsonPieces(res, 200, jsonPieces(await createGeneration(request, context)));
  };
}

/**
 * The request's images by reference, for the journal: a URL that re-renders each one, computed, not stored.
 * A `url` answer's entry has the URL the answer gave, so the two can be compared; any other image has its
 * admin URL (every model and format), or, with the admin routes off, the public URL where that route serves
 * the image (dall-e PNG), else null.
 */
function journalImages(
  request: GenerationRequest,
  context: GenerationContext,
  adminUrl: (params: RenderParams) => string | undefined,
): JournalImage[] {
  const servable =
    request.output_format === 'png' && request.profile.responseFormats?.includes('url') === true;
  return Array.from({ length: request.n }, (_, index) => {
    const params = toRenderParams(request, index);
    const publicUrl = servable ? context.imageUrl(context.images.tokenFor(params)) : undefined;
    const url = request.response_format === 'url' ? publicUrl : (adminUrl(params) ?? publicUrl);
    return { format: request.output_format, size: request.size, url: url ?? null };
  });
}

/** Streams the events over the simulated duration, at the times the fault policy gives them. */
async function streamAnswer(
  res: Response,
  request: GenerationRequest,
  context: GenerationContext,
  timesMs: (count: number) => number[],
  signal: AbortSignal,
): Promise<void> {
  // Rendered before the 200 goes out, so a full render queue can still answer 503.
  const events = await streamGeneration(request, context);
  if (signal.aborted) return;
  await sendEventStream(res, events.map(formatEvent), timesMs(events.length), signal);
}
