/**
 * Waits `ms` milliseconds, or less when `signal` aborts (the client closed its connection): then it resolves
 * at once, clears its timer and never rejects, so an abandoned request holds neither a timer nor an
 * unhandled rejection. It says which of the two happened. A signal that has already aborted resolves at
 * once; `ms` <= 0 (or NaN) resolves at once, with no timer.
 *
 * @example
 * const controller = new AbortController();
 * res.on('close', () => controller.abort());
 * if ((await sleep(1500, controller.signal)) === 'aborted') return;
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<'elapsed' | 'aborted'> {
  if (signal?.aborted) return Promise.resolve('aborted');
  // No wait, no timer: even a 0 ms timer costs about a millisecond, on every request that asks no latency.
  if (!(ms > 0)) return Promise.resolve('elapsed');
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve('aborted');
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve('elapsed');
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
