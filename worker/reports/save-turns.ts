import { systemClock, writeContention, type WriteClock } from "./retry";

/**
 * The saves of one isolate take turns per report, so that they do not lose the
 * guarded write to each other (retry.ts). Only an optimisation: the guard keeps
 * every write correct, so turns may be unfair or, after LEASE_MS, overlap.
 *
 * A waiter polls with its own timer instead of being woken by the holder: in
 * workerd the continuation of a promise resolved by another request runs in that
 * request's context (its I/O objects are then off limits, and it may already be
 * gone), and a request can be cancelled (client gone) without running its
 * `finally`. So no request ever waits on another one: a turn held longer than
 * LEASE_MS is taken over, and a waiter gives up at its own deadline.
 */
const LEASE_MS = 2_000;
const POLL_MIN_MS = 5;
const POLL_SPREAD_MS = 20;

export class SaveTurns {
  private readonly held = new Map<string, { since: number }>();

  /** Runs `save` in its turn for `key`; write_contention when the turn does not come by the deadline. */
  async run<T>(key: string, deadline: number, clock: WriteClock, save: () => Promise<T>): Promise<T> {
    for (;;) {
      const held = this.held.get(key);
      if (!held || clock.now() - held.since >= LEASE_MS) break;
      const left = deadline - clock.now();
      if (left <= 0) throw writeContention();
      await clock.sleep(Math.min(left, POLL_MIN_MS + Math.floor(clock.random() * POLL_SPREAD_MS)));
    }
    const mine = { since: clock.now() };
    this.held.set(key, mine);
    try {
      return await save();
    } finally {
      if (this.held.get(key) === mine) this.held.delete(key);
    }
  }
}

/** How one save is scheduled: this isolate's turns and the clock of its budget. */
export interface WriteSchedule {
  turns: SaveTurns;
  clock: WriteClock;
}

export const isolateSchedule: WriteSchedule = { turns: new SaveTurns(), clock: systemClock };
