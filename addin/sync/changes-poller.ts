/**
 * Polls the change feed of a round for live refresh: officers see submissions
 * arrive, a clerk sees a colleague's save. The cursor is kept in the store so a
 * reload resumes where it stopped instead of re-reading the feed.
 */
import type { ChangeEvent } from "../../schemas/api/changes";
import type { ApiClient } from "./api-client";
import type { KeyValueStore } from "./storage";
import { Timer } from "./timer";
import { globalTimers, type Timers } from "./timers";

export interface ChangesPollerOptions {
  api: Pick<ApiClient, "changes">;
  store: KeyValueStore;
  round: string;
  /** Called with each page of new events, oldest first. */
  onEvents: (events: ChangeEvent[]) => void;
  /** Default 15 s. */
  intervalMs?: number;
  timers?: Timers;
}

/** A page of `more: true` is followed at once, but never endlessly within one poll. */
const MAX_PAGES = 20;

export class ChangesPoller {
  private readonly next: Timer;
  private polling: Promise<void> | null = null;
  private stopped = true;

  constructor(private readonly options: ChangesPollerOptions) {
    this.next = new Timer(options.timers ?? globalTimers, () => void this.poll());
  }

  private get cursorKey(): string {
    return `changes-cursor:${this.options.round}`;
  }

  get cursor(): number {
    const n = Number(this.options.store.get(this.cursorKey) ?? "0");
    return Number.isSafeInteger(n) && n >= 0 ? n : 0;
  }

  start(): void {
    this.stopped = false;
    void this.poll();
  }

  stop(): void {
    this.stopped = true;
    this.next.cancel();
  }

  /** Reads everything new now; resolves when done (failures just wait for the next poll). */
  poll(): Promise<void> {
    this.polling ??= this.readPages().finally(() => {
      this.polling = null;
      if (!this.stopped) this.next.arm(this.options.intervalMs ?? 15_000);
    });
    return this.polling;
  }

  private async readPages(): Promise<void> {
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await this.options.api.changes({ since: this.cursor, round: this.options.round });
      if (!res.ok) return;
      try {
        this.options.store.set(this.cursorKey, String(res.data.cursor));
      } catch {
        // Without storage the next reload re-reads a little of the feed; harmless.
      }
      if (res.data.events.length > 0) this.options.onEvents(res.data.events);
      if (!res.data.more) return;
    }
  }
}

/** The newest version of `unit`'s report among `events`, or null. */
export function latestVersion(events: readonly ChangeEvent[], unit: string): number | null {
  let latest: number | null = null;
  for (const e of events) if (e.unit === unit && (latest === null || e.version > latest)) latest = e.version;
  return latest;
}
