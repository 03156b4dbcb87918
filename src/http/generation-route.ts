import type { RequestHandler, Response } from 'express';
import {
  createGeneration,
  toRenderParams,
  type GenerationContext,
} from '../generations/create-generation.js';
import type { JournalImage } from '../journal/index.js';
import { formatEvent, streamGeneration } from '../generations/stream-generation.js';
import { hasPromptMarker, sleep, stripPromptMarkers } from '../faults/index.js';
import { resolveRequest, type GenerationRequest } from '../validation/resolve-request.js';
import type { RouteContext } from './app-deps.js';
import { bearerToken } from './authenticate.js';
import { abortOnClose, answerFault } from './fault-answer.js';
import { imageUrl } from './image-route.js';
import { requestState, sendError, sendJson, setProcessingTime } from './respond.js';

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
    const decision = faults.decide({
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
    requestState(res).images = journalImages(request, context);
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
    sendJson(res, 200, JSON.stringify(await createGeneration(request, context)));
  };
}

/**
 * The request's images by reference, for the journal: the URL that re-renders each one (a b64 answer's too,
 * computed, not stored), or null where the image route serves none (formats other than PNG, models that
 * answer only b64).
 */
function journalImages(request: GenerationRequest, context: GenerationContext): JournalImage[] {
  const servable =
    request.output_format === 'png' && request.profile.responseFormats?.includes('url') === true;
  return Array.from({ length: request.n }, (_, index) => ({
    format: request.output_format,
    size: request.size,
    url: servable ? context.imageUrl(context.images.tokenFor(toRenderParams(request, index))) : null,
  }));
}

/** Streams the events over the simulated duration, at the times the fault policy gives them. */
async function streamAnswer(
  res: Response,
  request: GenerationRequest,
  context: GenerationContext,
  timesMs: (count: number) => number[],
  signal: AbortSignal,
): Promise<void> {
  res.status(200);
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  setProcessingTime(res);
  res.flushHeaders();
  const events = [...streamGeneration(request, context)];
  const times = timesMs(events.length);
  let elapsed = 0;
  for (const [index, event] of events.entries()) {
    const at = times[index] ?? 0;
    await sleep(Math.max(0, at - elapsed), signal);
    elapsed = Math.max(elapsed, at);
    if (signal.aborted) return;
    res.write(formatEvent(event));
  }
  res.end();
}
