import { afterEach, describe, expect, it, vi } from 'vitest';
import { sleep } from './sleep.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('sleep', () => {
  it('resolves after the time has passed', async () => {
    vi.useFakeTimers();
    let result: string | undefined;
    void sleep(1000).then((value) => (result = value));
    await vi.advanceTimersByTimeAsync(999);
    expect(result).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBe('elapsed');
  });

  it('resolves early, without rejecting, and clears its timer when the signal aborts', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(pending).resolves.toBe('aborted');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves at once for a signal that has already aborted, setting no timer', async () => {
    vi.useFakeTimers();
    const pending = sleep(60_000, AbortSignal.abort());
    expect(vi.getTimerCount()).toBe(0);
    await expect(pending).resolves.toBe('aborted');
  });

  it('stops listening to the signal once the time has passed', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, 'removeEventListener');
    const pending = sleep(10, controller.signal);
    await vi.advanceTimersByTimeAsync(10);
    await expect(pending).resolves.toBe('elapsed');
    expect(remove).toHaveBeenCalledWith('abort', expect.any(Function));
    controller.abort();
  });

  it('treats zero and negative times as one turn of the event loop', async () => {
    await expect(sleep(0)).resolves.toBe('elapsed');
    await expect(sleep(-5)).resolves.toBe('elapsed');
  });

  it('really waits with real timers', async () => {
    const start = performance.now();
    await sleep(30);
    expect(performance.now() - start).toBeGreaterThanOrEqual(25);
  });
});
