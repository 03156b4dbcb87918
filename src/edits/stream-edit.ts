import type { EditRequest } from '../validation/resolve-edit-request.js';
import { toEditRenderParams, type EditContext, type EditInputs, type EditOutput } from './create-edit.js';
import { estimateEditUsage } from './edit-usage.js';

/** One server-sent event of a streamed edit. */
export interface EditStreamEvent {
  event: 'image_edit.partial_image' | 'image_edit.completed';
  data: Record<string, unknown>;
  /** The kept final image, on `completed` events: what the journal lists. */
  output?: EditOutput;
}

/**
 * The events of an edit with `stream: true` (GPT image models), as the real API and the SDKs name them:
 * `partial_images` coarser renders of each image (`image_edit.partial_image`), then its final image with the
 * settings and `usage` (`image_edit.completed`). Every image is drawn before the first event is sent (all at
 * once, in the render pool), so a full render queue is a 503 rather than a stream cut short.
 */
export async function streamEdit(
  request: EditRequest,
  inputs: EditInputs,
  context: Pick<EditContext, 'render' | 'keepOutput' | 'nowSeconds'>,
): Promise<EditStreamEvent[]> {
  const settings = {
    size: request.size,
    quality: request.quality,
    background: request.background,
    output_format: request.output_format,
  };
  const usage = estimateEditUsage({ ...request, n: 1 }, inputs.images);
  const partials = request.partial_images;
  // Per image: its partial frames, then the final one.
  const rendered = await Promise.all(
    Array.from({ length: request.n * (partials + 1) }, (_, at) => {
      const index = Math.floor(at / (partials + 1));
      const partial = at % (partials + 1);
      return context.render(
        partial < partials
          ? toEditRenderParams(request, inputs, index, { index: partial, count: partials })
          : toEditRenderParams(request, inputs, index),
      );
    }),
  );
  return rendered.map((bytes, at): EditStreamEvent => {
    const partial = at % (partials + 1);
    if (partial < partials) {
      return {
        event: 'image_edit.partial_image',
        data: {
          type: 'image_edit.partial_image',
          b64_json: bytes.toString('base64'),
          partial_image_index: partial,
          created_at: context.nowSeconds(),
          ...settings,
        },
      };
    }
    const file = context.keepOutput(bytes, request.output_format);
    return {
      event: 'image_edit.completed',
      data: {
        type: 'image_edit.completed',
        b64_json: bytes.toString('base64'),
        created_at: context.nowSeconds(),
        ...settings,
        usage,
      },
      output: { file, format: request.output_format, size: request.size },
    };
  });
}

/** `event: <name>\ndata: <json>\n\n`, as `text/event-stream` frames it. */
export function formatEditEvent(event: EditStreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}
