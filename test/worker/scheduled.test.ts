import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { cleanupIdempotency } from "../../worker/scheduled";

/** The Cron Trigger: idempotency records older than 7 days are deleted. */
const NOW = new Date("2024-05-20T03:00:00.000Z");

async function keys(): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT key FROM idempotency ORDER BY key").all<{ key: string }>();
  return results.map((r) => r.key);
}

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM idempotency").run();
  const rows: [string, string][] = [
    ["a-month-old", "2024-04-20T03:00:00.000Z"],
    ["just-over-7-days", "2024-05-13T02:59:59.999Z"],
    ["exactly-7-days", "2024-05-13T03:00:00.000Z"],
    ["yesterday", "2024-05-19T03:00:00.000Z"],
  ];
  await env.DB.batch(
    rows.map(([key, at]) =>
      env.DB.prepare(
        "INSERT INTO idempotency (token_id, key, request_hash, report_id, response, created_at) VALUES (1, ?, 'h', 1, '{}', ?)",
      ).bind(key, at),
    ),
  );
});

describe("idempotency cleanup", () => {
  it("deletes records older than 7 days and keeps the rest", async () => {
    expect(await cleanupIdempotency(env.DB, NOW)).toBe(2);
    expect(await keys()).toEqual(["exactly-7-days", "yesterday"]);
    expect(await cleanupIdempotency(env.DB, NOW)).toBe(0);
  });

  it("runs from the scheduled() handler at the trigger's time", async () => {
    const controller = createScheduledController({ scheduledTime: NOW, cron: "17 3 * * *" });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await keys()).toEqual(["exactly-7-days", "yesterday"]);
  });
});
