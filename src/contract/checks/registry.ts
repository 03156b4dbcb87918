import { REJECT_CASES } from './catalogue.js';
import { checkAuth, checkEnvelope, checkEnvelopeComplete, checkParam, checkReject } from './error-checks.js';
import {
  checkBase64,
  checkDeterminism,
  checkDimensions,
  checkDistinct,
  checkFormat,
  checkUrlFetch,
  checkValid,
} from './image-checks.js';
import {
  checkCount,
  checkCreated,
  checkFormatField,
  checkRevisedPrompt,
  checkSchema,
} from './response-checks.js';
import { checkRequestId, checkTiming } from './transport-checks.js';
import type { Evidence, Verdict } from './verdict.js';

/** The function behind each check id. Plain functions of the evidence: no I/O, no clock, no framework. */
export const CHECK_FUNCTIONS: Readonly<Record<string, (evidence: Evidence) => Verdict>> = {
  'response.schema': checkSchema,
  'response.created': checkCreated,
  'response.count': checkCount,
  'response.format-field': checkFormatField,
  'response.revised-prompt': checkRevisedPrompt,
  'image.base64': checkBase64,
  'image.valid': checkValid,
  'image.format': checkFormat,
  'image.dimensions': checkDimensions,
  'image.url-fetch': checkUrlFetch,
  'image.distinct': checkDistinct,
  ...Object.fromEntries(REJECT_CASES.map(({ id }) => [`reject.${id}`, checkReject(`reject.${id}`)])),
  'errors.envelope': checkEnvelope,
  'errors.envelope-complete': checkEnvelopeComplete,
  'errors.param': checkParam,
  'auth.missing-key': checkAuth('auth.missing-key'),
  'auth.wrong-key': checkAuth('auth.wrong-key'),
  'headers.request-id': checkRequestId,
  'timing.timeout': checkTiming,
  determinism: checkDeterminism,
};

/** Checks that judge every answer of the run, so they wait for all of it. */
export const WHOLE_RUN_CHECKS = new Set(['headers.request-id', 'timing.timeout']);
