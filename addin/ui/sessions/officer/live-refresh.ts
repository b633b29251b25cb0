/**
 * When the officer's sheets are read again: on the change feed (one poller,
 * every `minMs` while units are yet to report) and on request, with requests
 * that arrive during an update folded into one more. Kept apart from the
 * session so that the pace and the coalescing are in one place, and the
 * sheets only know how to update, not when.
 */
import type { ChangeEvent } from "../../../../schemas/api/changes";
import type { OfficerUnit } from "../../../../schemas/layout/officer/view";
import type { ApiClient } from "../../../sync/api-client";
import { ChangesPoller } from "../../../sync/changes-poller";
import type { Timers } from "../../../sync/timers";
import type { PaneVoice } from "./notices";

export interface LiveRefreshOptions {
  api: ApiClient;
  round: string;
  timers?: Timers;
  poll?: { minMs?: number; maxMs?: number };
  /** The units on the sheets now; undefined before the first load. */
  units: () => readonly OfficerUnit[] | undefined;
  /** One read and write of the sheets. */
  update: () => Promise<void>;
  /** After the update a poll caused, with the events that caused it. */
  changed: (events: ChangeEvent[]) => Promise<void>;
  /** The token stopped working; the live refresh has stopped. */
  signedOut?: () => void;
  voice: PaneVoice;
}

export class LiveRefresh {
  private running: Promise<void> | null = null;
  private again = false;
  private readonly poller: ChangesPoller;

  constructor(private readonly options: LiveRefreshOptions) {
    const { units } = options;
    this.poller = new ChangesPoller({
      api: options.api,
      round: options.round,
      timers: options.timers,
      minMs: options.poll?.minMs,
      maxMs: options.poll?.maxMs,
      relevant: (e) => e.kind === "lock" || (units()?.some((u) => u.code === e.unit) ?? false),
      onEvents: async (events) => {
        await this.refresh();
        await options.changed(events);
      },
      // Until every unit has reported, a submission is what the officer waits for: keep the short interval.
      expecting: () => units()?.some((u) => u.status !== "submitted" && u.status !== "approved") ?? true,
      onSignedOut: () => void this.signedOut(),
    });
  }

  /** The wait before the next poll of the change feed. */
  get nextPollMs(): number {
    return this.poller.nextDelay;
  }

  /** Every `minMs` while units are yet to report, at most `maxMs` apart otherwise. */
  get interval(): { minMs: number; maxMs: number } {
    return { minMs: this.poller.min, maxMs: this.poller.max };
  }

  /** Skips the feed up to now: the sheets about to be drawn already show it. */
  async fastForward(): Promise<void> {
    await this.poller.fastForward();
  }

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  /** Polls the change feed now instead of waiting for the next tick. */
  pollNow(): Promise<void> {
    return this.poller.poll();
  }

  /** Updates the sheets; asked again while an update runs, it runs once more after it. */
  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.options.update();
      } while (this.again && !this.options.voice.closed);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Resolves once no update is running (whether it worked or not). */
  async settled(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private signedOut(): void {
    this.options.voice.say("error", "登录已失效，自动刷新已停止，请重新登录");
    this.options.signedOut?.();
  }
}
