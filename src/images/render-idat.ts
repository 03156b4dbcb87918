import type { DeflateWriter } from './codecs/png/deflate-writer.js';
import { createIdatStream } from './codecs/png/idat-stream.js';
import type { ScanOptions } from './raster/scan-scene.js';
import { writeDeltaRows } from './raster/write-delta-rows.js';
import type { Scene } from './scene/compose-scene.js';

/**
 * Renders the scene straight into the zlib stream of PNG scanlines that are already filtered and
 * compressed (the IDAT data): RGBA rows with a transparent background (PNG colour type 6), RGB
 * rows (type 2) otherwise. The raster describes each row as left differences (the Sub filter),
 * zero inside a flat span and periodic inside a patterned one, and repeated rows as repeats (the
 * Up filter, all zeros); the PNG stream compresses that description and sums it for the
 * checksum. So the cost is per span, not per pixel: no per-pixel JavaScript loop and no row
 * buffer, not for filtering, compressing or the checksum.
 *
 * `writer` receives the deflate codes; the default writes them (see idat-stream.ts).
 */
export function renderIdat(scene: Scene, options: ScanOptions = {}, writer?: DeflateWriter): Buffer {
  const stream = createIdatStream(scene.width, options.transparent === true ? 4 : 3, writer);
  writeDeltaRows(scene, options, stream);
  return stream.finish();
}
