/**
 * A re-armable one-shot timer over injected `Timers`: the autosave debounce and
 * the retry backoff are each one of these, so there is never more than one of each pending.
 */
import type { TimerHandle, Timers } from "./timers";

export class Timer {
  private handle: TimerHandle | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly fire: () => void,
  ) {}

  /** (Re)starts the countdown; an earlier one is forgotten. */
  arm(ms: number): void {
    this.cancel();
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.fire();
    }, ms);
  }

  cancel(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }
}

/** Doubling delays from `initialMs`, capped at `maxMs`; attempt 0 waits `initialMs`. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
}
