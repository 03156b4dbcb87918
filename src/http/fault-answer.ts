import type { Request, Response } from 'express';
import { sleep, type FaultDecision } from '../faults/index.js';
import { requestState, sendError } from './respond.js';

/** How long the `timeout` scenario holds a request before cutting it: the official SDKs' default timeout. */
const TIMEOUT_SCENARIO_HOLD_MS = 10 * 60 * 1000;

/**
 * Carries out the fault policy's decision for one request: sets the headers every answer carries, then,
 * when the decision is a failure, answers with it (after its delay), drops the connection or holds it.
 * Resolves to true when the request is done with, false when the route should answer normally.
 */
export async function answerFault(
  req: Request,
  res: Response,
  decision: FaultDecision,
  signal: AbortSignal,
): Promise<boolean> {
  for (const [name, value] of Object.entries(decision.headers)) res.setHeader(name, value);
  requestState(res).fault = decision.applied;
  switch (decision.action?.type) {
    case 'reset':
      req.socket.destroy();
      return true;
    case 'timeout':
      await sleep(TIMEOUT_SCENARIO_HOLD_MS, signal);
      req.socket.destroy();
      return true;
    case 'error':
      await sleep(decision.delayMs, signal);
      if (!signal.aborted) sendError(req, res, decision.action.error);
      return true;
    case undefined:
      return false;
  }
}

/** An AbortSignal that fires when the client goes away before the answer is complete. */
export function abortOnClose(res: Response): AbortSignal {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
}
