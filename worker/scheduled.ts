import { deleteIdempotencyBefore } from "./db/idempotency";
import type { Env } from "./env";
import { destroyExpiredKeys } from "./pii/retention";

/**
 * Cron Trigger work (wrangler.toml `[triggers] crons`). Idempotency records only
 * have to outlive a client's retries — an offline task pane replays its queue
 * within days — so records older than a week are deleted.
 */
export const IDEMPOTENCY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Deletes idempotency records created more than 7 days before `now`; answers how many. */
export function cleanupIdempotency(db: D1Database, now: Date): Promise<number> {
  return deleteIdempotencyBefore(db, new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString());
}

export async function scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
  ctx.waitUntil(
    cleanupIdempotency(env.DB, new Date(controller.scheduledTime)).then((n) => {
      console.log(`cron ${controller.cron}: deleted ${n} idempotency records older than 7 days`);
    }),
  );
  // Retention (docs/privacy.md): the keys of rounds past their retention date are destroyed.
  const today = new Date(controller.scheduledTime).toISOString().slice(0, 10);
  ctx.waitUntil(
    destroyExpiredKeys(env.DB, today).then((n) => {
      console.log(`cron ${controller.cron}: destroyed the keys of ${n} rounds past their retention date`);
    }),
  );
}
