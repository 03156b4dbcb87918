import type { EditRenderParams, OutputFormat, Raster } from '../images/index.js';
import {
  answerBody,
  toRenderParams,
  type GenerationResponse,
  type ImageItem,
} from '../generations/create-generation.js';
import { Base64Bytes } from '../generations/json-pieces.js';
import type { EditRequest } from '../validation/resolve-edit-request.js';
import { estimateEditUsage } from './edit-usage.js';

/** The decoded inputs of an edit or variation: what the output is drawn from. */
export interface EditInputs {
  /** The first image's pixels. */
  base: Raster;
  mask?: Raster;
  /** Every input image's size, in order, for `usage`. */
  images: readonly { width: number; height: number }[];
  /** Hex SHA-256 over every uploaded file's bytes, in order: seeds the picture (see EditRenderParams). */
  digest: string;
}

/** What an edit needs from its surroundings. */
export interface EditContext {
  /** Draws one output image (in the render pool), or rejects with the 503 of a full render queue. */
  render: (params: EditRenderParams) => Promise<Buffer>;
  /** Keeps an output image and names it (`e<digest>.<format>`), for its URL and the journal. */
  keepOutput: (bytes: Buffer, format: OutputFormat) => string;
  /** The public URL of a kept image (dall-e-2's `url` answers). */
  imageUrl: (file: string) => string;
  /** Unix seconds; only `created` reads the clock, never the image bytes. */
  nowSeconds: () => number;
}

/** One output image, as the journal lists it. */
export interface EditOutput {
  file: string;
  format: OutputFormat;
  size: string;
}

/** The answer body and the images it holds. */
export interface EditAnswer {
  body: GenerationResponse;
  outputs: EditOutput[];
}

/**
 * Builds the answer to a validated edit or variation: `n` images drawn from the inputs, each kept (so a
 * `url` answer and the journal can serve it), as `b64_json` or, for dall-e-2's `url`, a URL to the kept
 * bytes. The GPT image models add the echoed settings and `usage` with the input images' tokens.
 */
export async function createEdit(
  request: EditRequest,
  inputs: EditInputs,
  context: EditContext,
): Promise<EditAnswer> {
  const created = context.nowSeconds();
  const data: ImageItem[] = [];
  const outputs: EditOutput[] = [];
  const rendered = await Promise.all(
    Array.from({ length: request.n }, (_, index) =>
      context.render(toEditRenderParams(request, inputs, index)),
    ),
  );
  for (const bytes of rendered) {
    const file = context.keepOutput(bytes, request.output_format);
    outputs.push({ file, format: request.output_format, size: request.size });
    data.push(
      request.response_format === 'url'
        ? { url: context.imageUrl(file) }
        : { b64_json: new Base64Bytes(bytes) },
    );
  }
  return {
    body: answerBody(request, created, data, () => estimateEditUsage(request, inputs.images)),
    outputs,
  };
}

/**
 * The render parameters of output image `index` (and of a streamed partial image): the generation's
 * picture parameters, plus the kind, the inputs and their count. PNG and opaque unless asked otherwise.
 */
export function toEditRenderParams(
  request: EditRequest,
  inputs: EditInputs,
  index: number,
  partial?: { index: number; count: number },
): EditRenderParams {
  const params: EditRenderParams = {
    ...toRenderParams(request, index),
    kind: request.kind,
    base: inputs.base,
    inputCount: inputs.images.length,
    inputDigest: inputs.digest,
  };
  if (inputs.mask) params.mask = inputs.mask;
  if (partial) params.partial = partial;
  return params;
}
