/**
 * The render pool: worker threads (piscina) that run the pure render functions of `render-tasks.ts`,
 * behind a bounded queue. Code outside src/pool/ imports from here; only this folder loads piscina.
 */
export {
  createRenderPool,
  defaultRenderQueue,
  RenderQueueFullError,
  type RenderBackend,
  type RenderJob,
  type RenderPool,
  type RenderPoolOptions,
  type RenderPoolStats,
} from './render-pool.js';
export { RENDER_TASKS, type RenderTask, type RenderTaskName, type RenderTaskParams } from './render-tasks.js';
