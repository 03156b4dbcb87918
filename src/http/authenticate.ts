import type { Request, RequestHandler } from 'express';
import { errors } from '../errors.js';
import { checkSecurity, type Operation } from '../validation/prism-validator.js';
import { sendError } from './respond.js';

/**
 * Checks the API key before anything else, as the real API does: a request without a usable Bearer token
 * gets the "didn't provide an API key" 401, a token outside `apiKeys` (when any are set) the
 * "Incorrect API key" 401. Operations the spec leaves anonymous pass through.
 */
export function authenticate(operation: Operation, apiKeys: ReadonlySet<string>): RequestHandler {
  const secured = (operation.security ?? []).some((requirement) => requirement.length > 0);
  return (req, res, next) => {
    if (!secured) return next();
    const authorization = req.get('authorization') ?? '';
    const token = bearerToken(req) ?? '';
    if (token === '' || !checkSecurity(operation, { authorization })) {
      return sendError(req, res, errors.missingApiKey());
    }
    if (apiKeys.size > 0 && !apiKeys.has(token)) return sendError(req, res, errors.invalidApiKey(token));
    next();
  };
}

/** The Bearer token of a request, if it has a non-empty one. */
export function bearerToken(req: Request): string | undefined {
  const token = /^Bearer\s+(.*)$/i.exec(req.get('authorization') ?? '')?.[1]?.trim();
  return token === '' ? undefined : token;
}
