import type { Express } from 'express';
import { PNG } from 'pngjs';
import { createApp, type AppOptions } from '../src/http/create-app.js';
import { loadSpec, type Spec } from '../src/openapi/load-spec.js';

let spec: Spec | undefined;

/** The bundled spec, loaded once per test file. */
export async function bundledSpec(): Promise<Spec> {
  spec ??= await loadSpec();
  return spec;
}

/** An in-process app on the bundled spec with a fixed clock. */
export async function testApp(options: Partial<AppOptions> = {}): Promise<Express> {
  return createApp({ spec: await bundledSpec(), now: () => 1_764_000_000_000, ...options });
}

export const AUTH = { Authorization: 'Bearer sk-test-key' } as const;

/** Decodes a PNG with pngjs, a decoder independent of our encoder. */
export function decodePng(bytes: Buffer): { width: number; height: number; data: Buffer } {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, data: png.data };
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
