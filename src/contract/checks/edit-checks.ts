import { parseSize } from '../../openapi/models.js';
import type { ContractCheck } from '../engine/check.js';
import type { Evidence, GenerationAnswer, ItemEvidence } from '../engine/evidence.js';
import type { PlannedRequest } from '../engine/types.js';
import {
  brightnessCorrelation,
  cellsIn,
  colourDifference,
  shiftedCorrelation,
  gridOf,
  opaqueCells,
  paletteOverlap,
  type ColourGrid,
} from '../inspect/compare-images.js';
import { EXPECTED_FORMAT } from './image-checks.js';
import { describeOutcome, fail, skip, verdictOf, type Verdict } from './verdict.js';

/**
 * Edits and variations. Real models repaint every pixel, so the checks that compare an answer with the
 * uploaded image measure coarse likeness on a 16x16 grid of mean colours (see compare-images), with
 * thresholds far from both a faithful edit and an unrelated picture:
 * - the input is reflected when the brightness of the grid's cells correlates with the input's by at least
 *   INPUT_CORRELATION_MIN: a repaint that keeps the 4x4 chessboard of light and dark squares scores near 1
 *   even with its colours shifted, a picture drawn from the prompt alone scores near 0;
 * - a mask is honoured when, away from the mask's edge (one cell of margin), the cells outside differ from
 *   the input by at most MASK_OUTSIDE_MAX on average (0-255 per channel: a colour drift a repaint may
 *   have, never a new picture) and the cells inside differ at least twice as much and by MASK_INSIDE_MIN;
 * - a variation derives from its input when it either keeps its layout as above, moved by up to
 *   VARIATION_SHIFT_CELLS cells (a quarter of the picture) either way, or shares at least
 *   PALETTE_OVERLAP_MIN of its palette: a variation may move and recolour its input, not both at once.
 */

export const INPUT_CORRELATION_MIN = 0.5;
export const MASK_OUTSIDE_MAX = 40;
export const MASK_INSIDE_MIN = 24;
export const PALETTE_OVERLAP_MIN = 0.5;
export const VARIATION_SHIFT_CELLS = 4;

type Problems = { reason: string; request?: PlannedRequest }[];
type Endpoint = 'edits' | 'variations';

const answersOf = (evidence: Evidence, endpoint: Endpoint, purpose?: string): GenerationAnswer[] =>
  evidence.uploads.filter(
    (answer) =>
      answer.step.upload?.endpoint === endpoint && (purpose === undefined || answer.step.purpose === purpose),
  );
const where = (item: ItemEvidence): string => `${item.step.purpose} data[${item.index}]`;

/** Every planned answer is a 200 with n valid images, each of the size asked for, in PNG. */
function checkAnswers(evidence: Evidence, endpoint: Endpoint): Verdict {
  const answers = answersOf(evidence, endpoint);
  if (answers.length === 0) return skip(`no ${endpoint} request was planned`);
  const problems: Problems = [];
  let images = 0;
  for (const { step, outcome, body, items } of answers) {
    const request = step.request;
    if (!outcome.ok || outcome.exchange.status !== 200) {
      problems.push({ reason: `${step.purpose}: ${describeOutcome(outcome)}`, request });
      continue;
    }
    if (!body) {
      problems.push({ reason: `${step.purpose}: the body is not a JSON object`, request });
      continue;
    }
    const asked = step.asked ?? { n: 1, size: '', responseFormat: 'b64_json' };
    if (items.length !== asked.n) {
      problems.push({
        reason: `${step.purpose}: asked for n=${asked.n}, got ${items.length} item(s)`,
        request,
      });
    }
    const size = parseSize(asked.size);
    for (const item of items) {
      const { inspection } = item;
      if (!inspection) {
        problems.push({ reason: `${where(item)}: no b64_json image`, request });
      } else if (inspection.problems.length > 0) {
        problems.push({ reason: `${where(item)}: ${inspection.problems.join('; ')}`, request });
      } else if (inspection.format !== EXPECTED_FORMAT) {
        const format = inspection.format ?? 'unknown';
        problems.push({
          reason: `${where(item)}: ${format} where ${EXPECTED_FORMAT} was asked for`,
          request,
        });
      } else if (size && (inspection.width !== size.width || inspection.height !== size.height)) {
        const got = `${inspection.width}x${inspection.height}`;
        problems.push({ reason: `${where(item)}: ${got}, asked for ${asked.size}`, request });
      } else images++;
    }
  }
  const sizes = [...new Set(answers.map((answer) => answer.step.asked?.size ?? '?'))].join(', ');
  return verdictOf(
    problems,
    `${images} ${endpoint === 'edits' ? 'edited' : 'variation'} image(s) are valid ${EXPECTED_FORMAT} of the size asked for (${sizes})`,
  );
}

/**
 * Each answer's images as grids beside the uploaded image's, or the verdict when there is nothing to
 * compare: a request that failed, or images that do not decode (PNG and JPEG are compared).
 */
function compared(
  evidence: Evidence,
  endpoint: Endpoint,
  purpose: string,
): { pairs: { item: ItemEvidence; input: ColourGrid; output: ColourGrid }[] } | { verdict: Verdict } {
  const answers = answersOf(evidence, endpoint, purpose);
  const [first] = answers;
  if (!first) return { verdict: skip(`no ${purpose} request was planned`) };
  const pairs = [];
  for (const answer of answers) {
    const input = answer.step.upload ? gridOf(answer.step.upload.image) : undefined;
    for (const item of answer.items) {
      const output = item.bytes ? gridOf(item.bytes) : undefined;
      if (input && output) pairs.push({ item, input, output });
    }
  }
  if (pairs.length > 0) return { pairs };
  const failed = answers.find((answer) => !(answer.outcome.ok && answer.outcome.exchange.status === 200));
  const reason = failed
    ? `nothing to compare: ${purpose} got ${describeOutcome(failed.outcome)}`
    : `nothing to compare: ${purpose} brought no PNG or JPEG image that decodes (see ${endpoint === 'edits' ? 'edit' : 'variation'}.valid)`;
  return { verdict: fail(reason, (failed ?? first).step.request) };
}

function checkInputReflected(evidence: Evidence): Verdict {
  const found = compared(evidence, 'edits', 'edit.b64');
  if ('verdict' in found) return found.verdict;
  const scores = found.pairs.map(({ item, input, output }) => ({
    item,
    score: brightnessCorrelation(input, output, opaqueCells(input)),
  }));
  const problems = scores
    .filter(({ score }) => score < INPUT_CORRELATION_MIN)
    .map(({ item, score }) => ({
      reason: `${where(item)}: does not look like the uploaded image (layout correlation ${score.toFixed(2)}, below ${INPUT_CORRELATION_MIN})`,
      request: item.step.request,
    }));
  const lowest = Math.min(...scores.map(({ score }) => score));
  return verdictOf(problems, `the edit keeps the uploaded image's layout (correlation ${lowest.toFixed(2)})`);
}

function checkMaskHonoured(evidence: Evidence): Verdict {
  const found = compared(evidence, 'edits', 'edit.mask');
  if ('verdict' in found) return found.verdict;
  const problems: Problems = [];
  let summary = '';
  for (const { item, input, output } of found.pairs) {
    const region = item.step.upload?.maskRegion;
    if (!region) continue;
    const outside = colourDifference(input, output, cellsIn(region, { margin: 1, outside: true }));
    const inside = colourDifference(input, output, cellsIn(region, { margin: 1 }));
    const measured = `outside the mask ${outside.toFixed(0)}, inside ${inside.toFixed(0)}`;
    summary = measured;
    if (outside > MASK_OUTSIDE_MAX) {
      problems.push({
        reason: `${where(item)}: the image changed outside the mask (mean difference ${measured}; at most ${MASK_OUTSIDE_MAX} outside)`,
        request: item.step.request,
      });
    } else if (inside < Math.max(MASK_INSIDE_MIN, 2 * outside)) {
      problems.push({
        reason: `${where(item)}: nothing was edited where the mask is transparent (mean difference ${measured}; inside must be at least ${MASK_INSIDE_MIN} and twice outside)`,
        request: item.step.request,
      });
    }
  }
  return verdictOf(problems, `the edit stays within the mask (mean difference ${summary})`);
}

function checkVariationDerived(evidence: Evidence): Verdict {
  const found = compared(evidence, 'variations', 'variation.b64');
  if ('verdict' in found) return found.verdict;
  const problems: Problems = [];
  let summary = '';
  for (const { item, input, output } of found.pairs) {
    const layout = shiftedCorrelation(input, output, opaqueCells(input), VARIATION_SHIFT_CELLS);
    const palette = paletteOverlap(input, output);
    summary = `layout correlation ${layout.toFixed(2)}, palette overlap ${palette.toFixed(2)}`;
    if (layout < INPUT_CORRELATION_MIN && palette < PALETTE_OVERLAP_MIN) {
      problems.push({
        reason: `${where(item)}: shares neither layout nor palette with the uploaded image (${summary}; ${INPUT_CORRELATION_MIN} or ${PALETTE_OVERLAP_MIN} needed)`,
        request: item.step.request,
      });
    }
  }
  return verdictOf(problems, `the variation derives from the uploaded image (${summary})`);
}

/** Edits and variations: valid answers of the size asked for, which show the uploaded image and mask. */
export const EDIT_CHECKS: readonly ContractCheck[] = [
  {
    id: 'edit.valid',
    title: 'a valid edit is answered with 200 and n valid PNG images of the size asked for',
    severity: 'must',
    needs: { purposes: ['edit.b64', 'edit.mask'] },
    evaluate: (evidence) => checkAnswers(evidence, 'edits'),
  },
  {
    id: 'edit.input-reflected',
    title: "an edit without mask keeps the uploaded image's layout (brightness correlation of a 16x16 grid)",
    severity: 'should',
    needs: { purposes: ['edit.b64'] },
    evaluate: checkInputReflected,
  },
  {
    id: 'edit.mask-honoured',
    title: 'an edit with a mask changes the image inside the transparent area and stays close to it outside',
    severity: 'should',
    needs: { purposes: ['edit.mask'] },
    evaluate: checkMaskHonoured,
  },
  {
    id: 'variation.valid',
    title: 'a valid variation (dall-e-2) is answered with 200 and n valid PNG images of the size asked for',
    severity: 'must',
    needs: { purposes: ['variation.b64'] },
    evaluate: (evidence) => checkAnswers(evidence, 'variations'),
  },
  {
    id: 'variation.derived',
    title: 'a variation visibly derives from the uploaded image: its layout or its palette',
    severity: 'should',
    needs: { purposes: ['variation.b64'] },
    evaluate: checkVariationDerived,
  },
];
