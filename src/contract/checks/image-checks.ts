import { parseSize } from '../../openapi/models.js';
import { base64Problem } from '../inspect/base64.js';
import type { ContractCheck } from '../engine/check.js';
import type { Evidence, ItemEvidence } from '../engine/evidence.js';
import { SHAPED_PURPOSES } from '../engine/plan-needs.js';
import type { PlannedRequest } from '../engine/types.js';
import {
  describeOutcome,
  requestOf,
  fail,
  nothingToJudge,
  pass,
  verdictOf,
  type Verdict,
} from './verdict.js';

type Problems = { reason: string; request?: PlannedRequest }[];

/** The format asked for: the plan never sends `output_format`, so PNG, the API's default. */
export const EXPECTED_FORMAT = 'png';

const items = ({ generations }: Evidence): ItemEvidence[] => generations.flatMap((answer) => answer.items);
const where = (item: ItemEvidence): string =>
  `${item.step.purpose} data[${item.index}]${item.url === undefined ? '' : ' (url)'}`;
const imaged = (evidence: Evidence): ItemEvidence[] => items(evidence).filter((item) => item.inspection);

function checkBase64(evidence: Evidence): Verdict {
  const encoded = items(evidence).filter((item) => item.b64 !== undefined);
  if (encoded.length === 0) {
    const asked = evidence.generations
      .filter((answer) => answer.step.asked?.responseFormat !== 'url')
      .map((answer) => answer.step.purpose);
    return nothingToJudge(evidence, 'b64_json items', asked);
  }
  const problems = encoded.flatMap((item) => {
    const problem = base64Problem(item.b64 ?? '');
    return problem ? [{ reason: `${where(item)}: b64_json ${problem}`, request: item.step.request }] : [];
  });
  return verdictOf(problems, `${encoded.length} b64_json value(s) are plain base64`);
}

function checkValid(evidence: Evidence): Verdict {
  const inspected = imaged(evidence);
  if (inspected.length === 0) return nothingToJudge(evidence, 'image bytes');
  const problems: Problems = [];
  for (const item of inspected) {
    const { format, problems: found, decoded } = item.inspection ?? { problems: [] };
    const request = item.fetch ? requestOf(item.fetch) : item.step.request;
    if (found.length > 0) problems.push({ reason: `${where(item)}: ${found.join('; ')}`, request });
    else if (item.claim && item.claim !== format) {
      problems.push({
        reason: `${where(item)}: claims ${item.claim} but the bytes are ${format ?? 'unknown'}`,
        request,
      });
    } else if (!decoded && format !== 'webp')
      problems.push({ reason: `${where(item)}: not decoded`, request });
  }
  const webp = inspected.some((item) => item.inspection?.format === 'webp')
    ? ' (WebP checked to its header)'
    : '';
  return verdictOf(problems, `${inspected.length} image(s) are valid and decode${webp}`);
}

function checkFormat(evidence: Evidence): Verdict {
  const inspected = imaged(evidence).filter((item) => item.inspection?.format);
  if (inspected.length === 0) return nothingToJudge(evidence, 'recognised image (see image.valid)');
  const problems = inspected
    .filter((item) => item.inspection?.format !== EXPECTED_FORMAT)
    .map((item) => ({
      reason: `${where(item)}: ${item.inspection?.format} where ${EXPECTED_FORMAT} was asked for`,
      request: item.step.request,
    }));
  return verdictOf(problems, `${inspected.length} image(s) are ${EXPECTED_FORMAT}`);
}

function checkDimensions(evidence: Evidence): Verdict {
  const sized = imaged(evidence).filter((item) => item.inspection?.width !== undefined);
  if (sized.length === 0) return nothingToJudge(evidence, 'image whose size could be read (see image.valid)');
  const problems: Problems = [];
  for (const item of sized) {
    const asked = item.step.asked?.size ?? '';
    const size = parseSize(asked);
    const { width, height } = item.inspection ?? {};
    if (size && (width !== size.width || height !== size.height)) {
      problems.push({
        reason: `${where(item)}: ${width}x${height}, asked for ${asked}`,
        request: item.step.request,
      });
    }
  }
  const sizes = [...new Set(sized.map((item) => item.step.asked?.size ?? '?'))].join(', ');
  return verdictOf(problems, `${sized.length} image(s) have the requested size (${sizes})`);
}

function checkUrlFetch(evidence: Evidence): Verdict {
  const linked = items(evidence).filter((item) => item.step.asked?.responseFormat === 'url');
  if (linked.length === 0) {
    const asked = evidence.generations.filter((answer) => answer.step.asked?.responseFormat === 'url');
    return nothingToJudge(
      evidence,
      'url items',
      asked.map((answer) => answer.step.purpose),
    );
  }
  const problems: Problems = [];
  for (const item of linked) {
    if (item.url === undefined) continue;
    const request = item.fetch ? requestOf(item.fetch) : item.step.request;
    if (!item.fetch) {
      problems.push({
        reason: `${where(item)}: ${JSON.stringify(item.url.slice(0, 40))} is not an http(s) URL`,
        request,
      });
    } else if (!item.fetch.ok || item.fetch.exchange.status !== 200) {
      problems.push({ reason: `${where(item)}: GET ${describeOutcome(item.fetch)}`, request });
    } else if (!/^image\//i.test(item.fetch.exchange.headers['content-type'] ?? '')) {
      const type = item.fetch.exchange.headers['content-type'] ?? '(none)';
      problems.push({ reason: `${where(item)}: GET answers content-type ${type}, not image/*`, request });
    } else if ((item.inspection?.problems.length ?? 1) > 0) {
      problems.push({
        reason: `${where(item)}: the fetched bytes are no valid image (see image.valid)`,
        request,
      });
    }
  }
  const fetched = linked.filter((item) => item.url !== undefined).length;
  if (fetched === 0)
    return fail('the url answers carry no url (see response.format-field)', linked[0]?.step.request);
  return verdictOf(problems, `${fetched} image URL(s) fetch as valid images`);
}

/**
 * The n images of one request are different pictures: compared by their decoded pixels where they could
 * be decoded (a provider that sends one picture n times with different metadata is caught), else by bytes.
 */
function checkDistinct(evidence: Evidence): Verdict {
  const answer = evidence.generations.find((candidate) => candidate.step.purpose === 'generate.n2');
  const images = answer?.items.flatMap((item) => (item.bytes ? [item] : [])) ?? [];
  if (!answer || images.length < 2)
    return nothingToJudge(evidence, 'two images from the n=2 request (see response.count)', ['generate.n2']);
  const same = (a: ItemEvidence, b: ItemEvidence): boolean => {
    const [left, right] = [a.inspection?.pixelDigest, b.inspection?.pixelDigest];
    return left !== undefined && right !== undefined
      ? left === right
      : (a.bytes?.equals(b.bytes ?? Buffer.alloc(0)) ?? false);
  };
  const duplicate = images.findIndex((item, index) =>
    images.slice(0, index).some((earlier) => same(earlier, item)),
  );
  if (duplicate >= 0) {
    const how = images[duplicate]?.bytes?.equals(images[0]?.bytes ?? Buffer.alloc(0))
      ? 'byte-identical to'
      : 'the same picture as';
    return fail(`generate.n2: image ${duplicate} is ${how} an earlier one`, answer.step.request);
  }
  return pass(`the ${images.length} images of one request are different pictures`);
}

/** The images themselves: their encoding, their bytes, their format and size, their URLs, their difference. */
export const IMAGE_CHECKS: readonly ContractCheck[] = [
  {
    id: 'image.base64',
    title: '`b64_json` is plain RFC 4648 base64: no `data:` prefix, no line breaks, canonical padding',
    severity: 'must',
    needs: { purposes: ['generate.b64'] },
    evaluate: checkBase64,
  },
  {
    id: 'image.valid',
    title: 'every image is valid and decodable (signature, chunk CRCs, full decode) and is what it claims',
    severity: 'must',
    needs: { purposes: ['generate.b64'] },
    evaluate: checkValid,
  },
  {
    id: 'image.format',
    title: 'images come in the requested format (png unless another was asked for)',
    severity: 'should',
    needs: { purposes: ['generate.b64'] },
    evaluate: checkFormat,
  },
  {
    id: 'image.dimensions',
    title: 'width and height equal the requested size, in every shape the model offers',
    severity: 'must',
    needs: { purposes: SHAPED_PURPOSES },
    evaluate: checkDimensions,
  },
  {
    id: 'image.url-fetch',
    title: 'image URLs answer GET with 200, an image/* content type and valid image bytes',
    severity: 'must',
    needs: { purposes: ['generate.url'] },
    evaluate: checkUrlFetch,
  },
  {
    id: 'image.distinct',
    title: 'the n images of one request are different pictures (compared by decoded pixels)',
    severity: 'must',
    needs: { purposes: ['generate.n2'] },
    evaluate: checkDistinct,
  },
];
