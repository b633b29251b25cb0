/**
 * The clock the sync layer waits on. Injected so tests can drive it; the
 * default looks `setTimeout` up on every call, so vitest's fake timers (which
 * replace the global) work without injecting anything.
 */
export type TimerHandle = ReturnType<typeof globalThis.setTimeout>;

export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const globalTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle),
};
