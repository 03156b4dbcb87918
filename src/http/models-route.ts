import type { Request, RequestHandler, Response } from 'express';
import { errors } from '../errors.js';
import { sleep, type FaultPolicy } from '../faults/index.js';
import { defaultModelId } from '../openapi/load-spec.js';
import { isServed, type ModelProfile } from '../openapi/models.js';
import type { RouteContext } from './app-deps.js';
import { bearerToken } from './authenticate.js';
import { abortOnClose, answerFault } from './fault-answer.js';
import { requestState, sendError, sendJson } from './respond.js';

/** `owned_by` of every model: what OpenAI answers for its own image models. */
export const MODEL_OWNER = 'system';

/** A model as `GET /v1/models` describes it (the spec's `Model`). */
export interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

export function toModelObject(model: ModelProfile): ModelObject {
  return { id: model.id, object: 'model', created: model.created, owned_by: MODEL_OWNER };
}

/**
 * `GET /v1/models`: the model table in its order, without the retired models under
 * `retiredModels: 'error'`. Fault directives name the default model (the one a request naming none gets).
 */
export function listModelsRoute({ deps, settings }: RouteContext): RequestHandler {
  const { spec, faults } = deps;
  const models = [...spec.models.values()];
  const body = JSON.stringify({
    object: 'list',
    data: models.filter((model) => isServed(model, settings.retiredModels)).map(toModelObject),
  });
  const defaultId = defaultModelId(spec, settings.defaultModel);
  const subject = spec.models.get(defaultId) ?? { id: defaultId, family: models[0]?.family ?? 'gpt-image' };
  return (req, res) => answerLookup(req, res, faults, subject, body);
}

/**
 * `GET /v1/models/{model}`: one model of the table, or 404 `model_not_found` for one it lacks or (under
 * `retiredModels: 'error'`) a retired one. The id is the path segment as Express decodes it, so `%2F` is a
 * slash within the id; an unencoded slash makes another path, which no route serves.
 */
export function retrieveModelRoute({ deps, settings }: RouteContext): RequestHandler {
  const { spec, faults } = deps;
  return async (req, res) => {
    // A string for a `:model` segment; Express types a wildcard's as a list.
    const id = [req.params.model ?? ''].flat().join('/');
    const model = spec.models.get(id);
    if (!model || !isServed(model, settings.retiredModels)) {
      await sleep(faults.errorDelayMs(), abortOnClose(res));
      return sendError(req, res, errors.modelLookupNotFound(id));
    }
    return answerLookup(req, res, faults, model, JSON.stringify(toModelObject(model)));
  };
}

/** Lets the fault policy fail or delay a lookup, then answers with the body. */
async function answerLookup(
  req: Request,
  res: Response,
  faults: FaultPolicy,
  model: Pick<ModelProfile, 'id' | 'family'>,
  body: string,
): Promise<void> {
  const signal = abortOnClose(res);
  const decision = faults.decideLookup({
    prefer: req.headers.prefer,
    query: req.query,
    apiKey: bearerToken(req),
    model,
    requestId: requestState(res).requestId,
  });
  if (await answerFault(req, res, decision, signal)) return;
  await sleep(decision.delayMs, signal);
  if (!signal.aborted) sendJson(res, 200, body);
}
