import type { GenerationAnswer, ItemEvidence } from './evidence.js';
import type { FormField, ReturnedImage } from './types.js';

/**
 * The images a run's generations and edits returned, in plan order, each with the request it answered and
 * its bytes when they could be had: what the HTML report shows. An item without bytes says why in `problems`.
 */
export function returnedImages(generations: readonly GenerationAnswer[]): ReturnedImage[] {
  return generations.flatMap((answer) => {
    const { step, items } = answer;
    const asked = step.asked;
    if (asked === undefined) return [];
    const { method, url, form } = step.request;
    const body = step.request.body ?? describeForm(form);
    return items.map((item): ReturnedImage => {
      const source = item.b64 !== undefined ? 'b64_json' : item.url !== undefined ? 'url' : 'none';
      const inspection = item.inspection;
      return {
        purpose: step.purpose,
        index: item.index,
        count: items.length,
        request: { method, url, ...(body === undefined ? {} : { body }) },
        asked,
        source,
        ...(item.url === undefined ? {} : { url: item.url }),
        ...(item.bytes === undefined ? {} : { bytes: item.bytes }),
        ...(inspection?.format === undefined ? {} : { format: inspection.format }),
        ...(inspection?.width === undefined ? {} : { width: inspection.width }),
        ...(inspection?.height === undefined ? {} : { height: inspection.height }),
        problems: inspection ? [...inspection.problems] : [whyNoBytes(item)],
      };
    });
  });
}

/** A multipart request's fields, one a line: `name=value`, or `name=@file (what it is)` for a file. */
function describeForm(form: readonly FormField[] | undefined): string | undefined {
  return form
    ?.map((field) =>
      'value' in field
        ? `${field.name}=${field.value}`
        : `${field.name}=@${field.filename} (${field.summary})`,
    )
    .join('\n');
}

function whyNoBytes(item: ItemEvidence): string {
  if (item.url === undefined) return 'the item holds neither b64_json nor url';
  const fetched = item.fetch;
  if (fetched === undefined) return 'the url is not an http(s) URL, so it was not fetched';
  if (!fetched.ok) return `the url did not answer: ${fetched.message}`;
  return `the url answered ${fetched.exchange.status}`;
}
