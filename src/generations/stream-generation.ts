import type { GenerationRequest } from '../validation/resolve-request.js';
import { estimateUsage, toRenderParams, type GenerationContext } from './create-generation.js';

/** One server-sent event of a streamed generation. */
export interface StreamEvent {
  event: 'image_generation.partial_image' | 'image_generation.completed';
  data: Record<string, unknown>;
}

/**
 * The events of `stream: true` (GPT image models), shaped like the real ones: `partial_images` progressively
 * better renders of each image, then its `completed` event with the final image and its `usage`. Every
 * image of the stream renders first, together (so a full render queue is a 503 before the stream begins,
 * never a stream cut short); the caller paces the events.
 */
export async function streamGeneration(
  request: GenerationRequest,
  context: Pick<GenerationContext, 'images' | 'nowSeconds'>,
): Promise<StreamEvent[]> {
  const settings = {
    size: request.size,
    quality: request.quality,
    background: request.background,
    output_format: request.output_format,
  };
  const usage = estimateUsage({ ...request, n: 1 });
  const count = request.partial_images;
  const images = Array.from({ length: request.n }, (_, index) => toRenderParams(request, index));
  // Per image: its partial images, then the final one.
  const list = images.flatMap((params) => [
    ...Array.from({ length: count }, (_, partial) => ({ ...params, partial: { index: partial, count } })),
    params,
  ]);
  const rendered = await context.images.renderAll(list);
  return list.map((params, position) => {
    const b64 = rendered[position]!.toString('base64');
    if (params.partial !== undefined) {
      return {
        event: 'image_generation.partial_image',
        data: {
          type: 'image_generation.partial_image',
          b64_json: b64,
          partial_image_index: params.partial.index,
          created_at: context.nowSeconds(),
          ...settings,
        },
      };
    }
    return {
      event: 'image_generation.completed',
      data: {
        type: 'image_generation.completed',
        b64_json: b64,
        created_at: context.nowSeconds(),
        ...settings,
        usage,
      },
    };
  });
}

/** `event: <name>\ndata: <json>\n\n`, as `text/event-stream` frames it. */
export function formatEvent(event: StreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
