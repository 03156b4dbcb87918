/**
 * The worker threads' entry: runs one render task and hands the bytes back by moving their ArrayBuffer
 * (no copy). Piscina loads this file by path, so it must be JavaScript: it runs from `dist/pool/` (built),
 * never from the TypeScript sources; see `render-pool.ts` for what happens when only the sources exist.
 */
import { move } from 'piscina';
import { ownedBytes, runTaskHere, type RenderTask } from './render-tasks.js';

export default function runRenderTask(task: RenderTask): ReturnType<typeof move> {
  return move(ownedBytes(runTaskHere(task)));
}
