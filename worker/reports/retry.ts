import { ApiError } from "../errors";

/**
 * How a save waits for its turn when other writers press on the same report
 * (issue 12: 30 writers on different cells from one version must all be stored).
 *
 * Two layers, because a Worker can run in many isolates:
 * - In one isolate, saves of one report take turns (save-turns.ts): they do not
 *   race each other, so each usually writes at its first try.
 * - Across isolates, a save that lost the guarded write reads, merges and tries
 *   again after a jittered exponential backoff (full jitter: the losers of one
 *   round spread out instead of colliding again in lockstep).
 * Both are bounded by one time budget per request, well under the pane's 30 s
 * timeout (addin/sync/api-client.ts): when it is spent the answer is 409
 * write_contention, which the pane's outbox retries by itself. Correctness rests
 * on neither: every write is a guarded batch (db/report-writes.ts).
 */
export const WRITE_BUDGET_MS = 10_000;
const BACKOFF_BASE_MS = 8;
const BACKOFF_CAP_MS = 250;

/** Time and chance, injectable so tests can spend the budget without waiting. */
export interface WriteClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const systemClock: WriteClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

export function writeContention(): ApiError {
  return new ApiError("write_contention", "该报表正被多人同时修改，未能保存，请稍后重试");
}

/** The wait before attempt `attempt` (0 = the first try, no wait). */
export function backoffMs(attempt: number, random: number): number {
  if (attempt === 0) return 0;
  return Math.floor(random * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt));
}

/**
 * Whether attempt `attempt` may start, after its backoff. The first try always
 * runs (one attempt is one bounded read and one write); a retry only when it
 * would start before the deadline.
 */
export async function mayAttempt(attempt: number, deadline: number, clock: WriteClock): Promise<boolean> {
  const wait = backoffMs(attempt, clock.random());
  if (attempt > 0 && clock.now() + wait >= deadline) return false;
  if (wait > 0) await clock.sleep(wait);
  return true;
}
