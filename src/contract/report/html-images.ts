import type { ReturnedImage } from '../engine/types.js';
import { escapeHtml as h } from './html-escape.js';
import type { Thumbnail } from './thumbnails.js';

/**
 * The images section of the HTML report: a figure per returned image, its thumbnail (or why there is none),
 * what was asked and what came back, what is wrong with it, and the request it answered. Empty without images.
 */
export function imagesSection(
  images: readonly ReturnedImage[],
  thumbnails: readonly Thumbnail[],
  baseUrl: string,
): string {
  if (images.length === 0) return '';
  const figures = images.map((image, index) => figure(image, thumbnails[index], baseUrl));
  return [
    '<section id="images">',
    `<h2>Images the provider returned (${images.length})</h2>`,
    '<div class="gallery">',
    ...figures,
    '</div>',
    '</section>',
  ].join('\n');
}

function figure(image: ReturnedImage, thumbnail: Thumbnail | undefined, baseUrl: string): string {
  const name = `${image.purpose}, image ${image.index + 1} of ${image.count}`;
  const got =
    image.bytes === undefined
      ? 'nothing'
      : image.format
        ? `${image.format.toUpperCase()} ${image.width ?? '?'}x${image.height ?? '?'}`
        : 'no PNG, JPEG or WebP';
  const problems = [...image.problems];
  const wrongSize = sizeDiffers(image);
  if (wrongSize) problems.push(wrongSize);
  const picture = thumbnail?.ok
    ? `<img src="${h(thumbnail.dataUrl)}" width="${thumbnail.width}" height="${thumbnail.height}" ` +
      `alt="${h(`${name}: ${got}`)}">`
    : `<div class="placeholder">${h(`No picture: ${thumbnail?.reason ?? 'none was made'}`)}</div>`;
  const bytes = image.bytes === undefined ? '' : `, ${formatBytes(image.bytes.length)}`;
  const via = image.source === 'none' ? '' : ` via ${image.source}`;
  const shown = thumbnail?.ok && thumbnail.kind === 'original' ? ' (original bytes shown)' : '';
  const asked = `asked: n=${image.asked.n}, ${image.asked.size}, ${image.asked.responseFormat}`;
  return [
    `<figure class="${problems.length > 0 ? 'image problem' : 'image'}">`,
    picture,
    '<figcaption>',
    `<p><strong>${h(name)}</strong></p>`,
    `<p>${h(asked)}</p>`,
    `<p>${h(`got: ${got}${bytes}${via}${shown}`)}</p>`,
    image.url === undefined ? '' : `<p>url: <code>${h(shortUrl(image.url))}</code></p>`,
    problems.length === 0
      ? ''
      : `<ul class="problems">${problems.map((problem) => `<li>${h(problem)}</li>`).join('')}</ul>`,
    `<pre class="request"><code>${h(describeRequest(image.request, baseUrl))}</code></pre>`,
    '</figcaption>',
    '</figure>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The request an image answered: its method and URL (below the base URL) and its body, one field a line. */
function describeRequest(request: ReturnedImage['request'], baseUrl: string): string {
  const url = request.url.startsWith(`${baseUrl}/`) ? request.url.slice(baseUrl.length) : request.url;
  let body = request.body ?? '';
  try {
    body = JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    // Not JSON: shown as sent.
  }
  return `${request.method} ${url}\n${body}`.trimEnd();
}

/** Said when the picture is not the size asked for (an exact `WxH` size only; `auto` takes any). */
function sizeDiffers(image: ReturnedImage): string | undefined {
  const match = /^(\d+)x(\d+)$/.exec(image.asked.size);
  if (!match || image.width === undefined || image.height === undefined) return undefined;
  if (Number(match[1]) === image.width && Number(match[2]) === image.height) return undefined;
  return `asked for ${image.asked.size}, got ${image.width}x${image.height}`;
}

/** The URL without its query, which may hold a signature, and at most 200 characters of it. */
function shortUrl(url: string): string {
  const query = url.indexOf('?');
  const bare = query < 0 ? url : `${url.slice(0, query)}?…`;
  return bare.length <= 200 ? bare : `${bare.slice(0, 199)}…`;
}

function formatBytes(count: number): string {
  if (count < 1024) return `${count} B`;
  if (count < 1024 * 1024) return `${(count / 1024).toFixed(1)} KB`;
  return `${(count / 1024 / 1024).toFixed(2)} MB`;
}
