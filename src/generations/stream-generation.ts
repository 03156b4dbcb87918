import type { GenerationRequest } from '../validation/resolve-request.js';
import { estimateUsage, toRenderParams, type GenerationContext } from './create-generation.js';

/** One server-sent event of a streamed generation. */
export interface StreamEvent {
  event: 'image_generation.partial_image' | 'image_generation.completed';
  data: Record<string, unknown>;
}

/**
 * The events of `stream: true` (GPT image models), shaped like the real ones: `partial_images` progressively
 * better renders of each image, then its `completed` event with the final image and its `usage`. The caller
 * paces them; this only decides what they are.
 */
export function* streamGeneration(
  request: GenerationRequest,
  context: Pick<GenerationContext, 'images' | 'nowSeconds'>,
): Generator<StreamEvent> {
  const settings = {
    size: request.size,
    quality: request.quality,
    background: request.background,
    output_format: request.output_format,
  };
  const usage = estimateUsage({ ...request, n: 1 });
  for (let index = 0; index < request.n; index++) {
    const params = toRenderParams(request, index);
    for (let partial = 0; partial < request.partial_images; partial++) {
      const bytes = context.images.render({
        ...params,
        partial: { index: partial, count: request.partial_images },
      });
      yield {
        event: 'image_generation.partial_image',
        data: {
          type: 'image_generation.partial_image',
          b64_json: bytes.toString('base64'),
          partial_image_index: partial,
          created_at: context.nowSeconds(),
          ...settings,
        },
      };
    }
    yield {
      event: 'image_generation.completed',
      data: {
        type: 'image_generation.completed',
        b64_json: context.images.render(params).toString('base64'),
        created_at: context.nowSeconds(),
        ...settings,
        usage,
      },
    };
  }
}

/** `event: <name>\ndata: <json>\n\n`, as `text/event-stream` frames it. */
export function formatEvent(event: StreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
