/**
 * The one poller of a round's change feed, for live refresh on both sides: an
 * officer sees submissions arrive, a clerk sees a colleague's save.
 *
 * Every `minMs` (5 s) while things happen; a quiet poll stretches the wait
 * ×1.5 and a failed one ×2, up to `maxMs` (10 s), and the first relevant
 * event brings it back to `minMs`. While `expecting()` says news is due (an
 * officer still waits for units to submit) quiet polls do not stretch it, so
 * a submission shows within the stated `minMs` rather than the idle maximum.
 * A 401 stops it for good (the token is gone); `stop()` on close.
 *
 * The cursor is kept in `store` when one is given, so a reload resumes where it
 * stopped (the filler's outbox already holds what it has seen); otherwise in
 * memory, for an officer who reads the consolidation fresh on opening and only
 * needs the feed from then on (`fastForward`).
 */
import type { ChangeEvent } from "../../schemas/api/changes";
import type { ApiClient } from "./api-client";
import type { KeyValueStore } from "./storage";
import { Timer } from "./timer";
import { globalTimers, type Timers } from "./timers";

export interface ChangesPollerOptions {
  api: Pick<ApiClient, "changes">;
  round: string;
  /** Keeps the cursor across reloads; without it the cursor lives in memory. */
  store?: KeyValueStore;
  /** Only these events are reported and count as activity; default all. */
  relevant?: (e: ChangeEvent) => boolean;
  /** The relevant events of one poll, oldest first; the next poll waits for it. */
  onEvents: (events: ChangeEvent[]) => void | Promise<void>;
  /** The server refused the token (401); the poller has stopped. */
  onSignedOut?: () => void;
  /** True while news is expected: quiet polls then keep the `minMs` pace. */
  expecting?: () => boolean;
  /** Default 5 s. */
  minMs?: number;
  /** Default 10 s; equal to `minMs` for a fixed interval. */
  maxMs?: number;
  timers?: Timers;
}

export const DEFAULT_POLL = { minMs: 5_000, maxMs: 10_000 } as const;

/** A page of `more: true` is followed at once, but never endlessly within one poll. */
const MAX_PAGES = 20;
const PAGE = 1000;

export class ChangesPoller {
  private memoryCursor = 0;
  private delay: number;
  private readonly timer: Timer;
  private running: Promise<void> | null = null;
  /** idle: polls only when asked; running: on its own timer; stopped: reports nothing more. */
  private mode: "idle" | "running" | "stopped" = "idle";

  constructor(private readonly options: ChangesPollerOptions) {
    this.delay = this.min;
    this.timer = new Timer(options.timers ?? globalTimers, () => void this.poll());
  }

  get min(): number {
    return this.options.minMs ?? DEFAULT_POLL.minMs;
  }

  get max(): number {
    return Math.max(this.min, this.options.maxMs ?? DEFAULT_POLL.maxMs);
  }

  /** The wait before the next poll. */
  get nextDelay(): number {
    return this.delay;
  }

  private get cursorKey(): string {
    return `changes-cursor:${this.options.round}`;
  }

  get cursor(): number {
    const { store } = this.options;
    if (!store) return this.memoryCursor;
    const n = Number(store.get(this.cursorKey) ?? "0");
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  }

  private set cursor(n: number) {
    this.memoryCursor = n;
    try {
      this.options.store?.set(this.cursorKey, String(n));
    } catch {
      // Without storage the next reload re-reads a little of the feed; harmless.
    }
  }

  /** Polls every `minMs` from now on; `now` also polls at once instead of after the first wait. */
  start(options: { now?: boolean } = {}): void {
    this.mode = "running";
    this.delay = this.min;
    if (options.now) void this.poll();
    else if (!this.running) this.timer.arm(this.delay);
  }

  stop(): void {
    this.mode = "stopped";
    this.timer.cancel();
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

  /** Polls now (e.g. right after the user's own action); resolves when what it reported has been handled. */
  poll(): Promise<void> {
    this.timer.cancel();
    this.running ??= this.read().finally(() => {
      this.running = null;
      if (this.mode === "running") this.timer.arm(this.delay);
    });
    return this.running;
  }

  private async read(): Promise<void> {
    const { api, round, relevant } = this.options;
    const seen: ChangeEvent[] = [];
    let failed = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await api.changes({ since: this.cursor, round, limit: PAGE });
      if (!res.ok) {
        if (!res.offline && res.status === 401) {
          this.stop();
          this.options.onSignedOut?.();
          return;
        }
        failed = true;
        break;
      }
      this.cursor = res.data.cursor;
      seen.push(...(relevant ? res.data.events.filter(relevant) : res.data.events));
      if (!res.data.more) break;
    }
    if (seen.length === 0) {
      if (failed) this.delay = Math.min(this.max, this.delay * 2);
      else this.delay = this.options.expecting?.() ? this.min : Math.min(this.max, Math.round(this.delay * 1.5));
      return;
    }
    this.delay = this.min;
    if (this.mode === "stopped") return;
    try {
      await this.options.onEvents(seen);
    } catch {
      // The caller reports its own failures; polling carries on.
    }
  }
}

/** The newest version of `unit`'s report among `events`, or null. */
export function latestVersion(events: readonly ChangeEvent[], unit: string): number | null {
  let latest: number | null = null;
  for (const e of events) if (e.unit === unit && (latest === null || e.version > latest)) latest = e.version;
  return latest;
}
