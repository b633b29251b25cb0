/**
 * Live refresh for the officer: polls the round's change feed and calls
 * `onChange` when an event concerns a unit on the officer's sheets. Every
 * `minMs` (5 s) while things happen, stretching ×1.5 per quiet poll up to
 * `maxMs` (20 s) when idle or offline, back to `minMs` at the first event.
 *
 * Unlike the filler's ChangesPoller the cursor lives in memory: an officer who
 * opens a round reads the consolidation fresh, so the feed only matters from
 * then on (`fastForward` skips what is already summed).
 */
import type { ChangeEvent } from "../../../schemas/api/changes";
import type { ApiClient } from "../../sync/api-client";
import { Timer } from "../../sync/timer";
import { globalTimers, type Timers } from "../../sync/timers";

export interface LivePollOptions {
  api: Pick<ApiClient, "changes">;
  round: string;
  /** Whether an event touches what the officer sees (a unit of the chosen node). */
  relevant: (e: ChangeEvent) => boolean;
  /** Refresh the sheets; the next poll waits for it. */
  onChange: (events: ChangeEvent[]) => Promise<void>;
  timers?: Timers;
  minMs?: number;
  maxMs?: number;
}

/** A page of `more: true` is followed at once, but never endlessly within one poll. */
const MAX_PAGES = 20;
const PAGE = 1000;

export class LivePoll {
  private cursor = 0;
  private delay: number;
  private readonly timer: Timer;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly options: LivePollOptions) {
    this.delay = this.min;
    this.timer = new Timer(options.timers ?? globalTimers, () => void this.poll());
  }

  private get min(): number {
    return this.options.minMs ?? 5_000;
  }

  private get max(): number {
    return this.options.maxMs ?? 20_000;
  }

  /** The wait before the next poll, for the pane and the tests. */
  get nextDelay(): number {
    return this.delay;
  }

  /** Moves the cursor to the feed's head without reporting anything. False when the server could not be read. */
  async fastForward(): Promise<boolean> {
    for (let page = 0; page < MAX_PAGES * 10; page++) {
      const res = await this.options.api.changes({ since: this.cursor, round: this.options.round, limit: PAGE });
      if (!res.ok) return false;
      this.cursor = res.data.cursor;
      if (!res.data.more) return true;
    }
    return true;
  }

  start(): void {
    this.stopped = false;
    this.delay = this.min;
    this.timer.arm(this.delay);
  }

  stop(): void {
    this.stopped = true;
    this.timer.cancel();
  }

  /** Polls now (e.g. right after the officer's own action); resolves when the refresh it caused is done. */
  poll(): Promise<void> {
    this.running ??= this.read().finally(() => {
      this.running = null;
      if (!this.stopped) this.timer.arm(this.delay);
    });
    return this.running;
  }

  private async read(): Promise<void> {
    const seen: ChangeEvent[] = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await this.options.api.changes({ since: this.cursor, round: this.options.round, limit: PAGE });
      if (!res.ok) {
        this.delay = Math.min(this.max, this.delay * 2);
        return;
      }
      this.cursor = res.data.cursor;
      seen.push(...res.data.events.filter(this.options.relevant));
      if (!res.data.more) break;
    }
    if (seen.length === 0) {
      this.delay = Math.min(this.max, Math.round(this.delay * 1.5));
      return;
    }
    this.delay = this.min;
    if (this.stopped) return;
    try {
      await this.options.onChange(seen);
    } catch {
      // The session reports its own failures; the poll just carries on.
    }
  }
}
