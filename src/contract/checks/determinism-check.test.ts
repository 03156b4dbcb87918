import { describe, expect, it } from 'vitest';
import type { PlanStep } from '../engine/plan.js';
import {
  answerOf,
  buildEvidence,
  evaluate,
  imagesBody,
  pngOf,
  stepOf,
} from './build-evidence.test-helpers.js';

const b64 = stepOf('generate.b64', { asked: {} });
const image = pngOf(16, 16);
const ok = (body: unknown, step: PlanStep = b64) => ({ step, outcome: answerOf(step.request, 200, body) });

describe('determinism', () => {
  const repeat = stepOf('generate.repeat', { asked: {} });

  it('passes byte-identical images of identical requests and fails different ones', async () => {
    const first = ok(imagesBody([image]));
    expect(
      evaluate('determinism', await buildEvidence([first, ok(imagesBody([image]), repeat)])).status,
    ).toBe('pass');
    const other = ok(imagesBody([pngOf(16, 16, 10)]), repeat);
    expect(evaluate('determinism', await buildEvidence([first, other]))).toEqual({
      status: 'fail',
      reason: 'two identical requests gave different images',
      request: repeat.request,
    });
  });
});
