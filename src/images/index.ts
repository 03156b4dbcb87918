/**
 * The images module: `renderImage(params)` and `renderEdit(params)` -> bytes, pure functions of their
 * params. Code outside `src/images/` imports from here only (a lint rule says so), so the scene,
 * raster and codec modules behind it can change shape without touching their users.
 */

// Rendering
export { IMAGE_MEDIA_TYPES, renderImage } from './render-image.js';
export type { Background, OutputFormat, PartialImage, RenderParams } from './render-image.js';
export { renderPng } from './render-png.js';
export type { ImageParams } from './render-png.js';
export { renderEdit } from './render-edit.js';
export type { EditRenderParams, Raster } from './render-edit.js';

// The seeded generator the pictures are drawn with, also used for reproducible fault decisions
export { createPrng } from './scene/prng.js';
export type { Prng } from './scene/prng.js';

// Tooling, not rendering: the derivation of the constant deflate table (scripts/derive-deflate-table.js)
export { deriveDeflateCodeLengths } from './derive-deflate-table.js';

// Tooling, not rendering: edits with inputs drawn in code, for the golden edits (scripts/check-goldens.js)
export { drawSampleMask, drawSampleRaster } from './raster/sample-rasters.js';
export type { PixelRect, SampleRasterSpec } from './raster/sample-rasters.js';
export { buildSampleEdit } from './sample-edit.js';
export type { SampleEdit } from './sample-edit.js';
