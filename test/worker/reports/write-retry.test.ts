import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../worker/auth/token";
import { findToken } from "../../../worker/db/tokens";
import { WRITE_BUDGET_MS, backoffMs, mayAttempt, type WriteClock } from "../../../worker/reports/retry";
import { SaveTurns } from "../../../worker/reports/save-turns";
import { saveReport } from "../../../worker/reports/save";
import { readVersion, seed, storedValues, TOKENS } from "../helpers";

const R = "retry1";
const UNIT = "hs-tunxi";

beforeAll(() => seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]));

/** Time that only moves when someone sleeps: the budget is spent without waiting. */
function fakeClock(random = 0.5): WriteClock & { slept: number[] } {
  let t = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
    random: () => random,
  };
}

/** Time that never runs out: a sleep is one turn of the event loop. */
const patientClock: WriteClock = {
  now: () => 0,
  sleep: () => new Promise((resolve) => setTimeout(resolve, 0)),
  random: () => 0.5,
};

describe("backoff", () => {
  it("does not wait before the first try, then waits a random share of a growing, capped window", () => {
    expect(backoffMs(0, 0.99)).toBe(0);
    expect(backoffMs(1, 0)).toBe(0);
    expect(backoffMs(1, 0.99)).toBeLessThan(backoffMs(4, 0.99));
    expect(backoffMs(30, 0.999)).toBe(backoffMs(40, 0.999)); // capped
    expect(backoffMs(30, 0.5)).toBeLessThan(backoffMs(30, 0.999)); // jittered
  });

  it("always lets the first try run, and no retry start after the deadline", async () => {
    const clock = fakeClock(0.999);
    expect(await mayAttempt(0, clock.now() - 1, clock)).toBe(true);
    const deadline = clock.now() + 1000;
    let attempts = 0;
    while (await mayAttempt(attempts, deadline, clock)) attempts++;
    expect(attempts).toBeGreaterThan(4);
    expect(clock.now()).toBeLessThan(deadline);
  });
});

describe("turns of one isolate", () => {
  it("runs saves of one report one after another, in arrival order; other reports do not wait", async () => {
    const turns = new SaveTurns();
    const clock = patientClock;
    const deadline = WRITE_BUDGET_MS;
    const log: string[] = [];
    let release = () => {};
    const first = turns.run("a", deadline, clock, async () => {
      log.push("a1 start");
      await new Promise<void>((r) => (release = r));
      log.push("a1 end");
    });
    const second = turns.run("a", deadline, clock, async () => void log.push("a2"));
    await turns.run("b", deadline, clock, async () => void log.push("b1"));
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(["a1 start", "b1", "a1 end", "a2"]);
  });

  it("gives up waiting at its deadline with write_contention; the next save still gets its turn", async () => {
    const turns = new SaveTurns();
    const clock = fakeClock();
    let release = () => {};
    const slow = turns.run("a", Infinity, clock, () => new Promise<void>((r) => (release = r)));
    await expect(turns.run("a", clock.now() + 1_000, clock, async () => "never")).rejects.toMatchObject({
      code: "write_contention",
      message: expect.stringContaining("请稍后重试"),
    });
    const next = turns.run("a", Infinity, clock, async () => "next");
    release();
    await slow;
    expect(await next).toBe("next");
  });

  it("takes over a turn whose holder never finishes (a cancelled request), within the budget", async () => {
    const turns = new SaveTurns();
    const clock = fakeClock();
    void turns.run("a", Infinity, clock, () => new Promise<void>(() => {}));
    const start = clock.now();
    expect(await turns.run("a", start + WRITE_BUDGET_MS, clock, async () => "mine")).toBe("mine");
    expect(clock.now() - start).toBeLessThan(WRITE_BUDGET_MS);
  });
});

describe("a save whose writes keep losing to other isolates", () => {
  /** Before each of the first `times` guarded writes, another isolate's write moves the report on. */
  function losing(times: number): D1Database & { lost: () => number } {
    let lost = 0;
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "lost") return () => lost;
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            const sql = String((statements[0] as unknown as { statement?: string }).statement ?? "");
            if (lost < times && /^\s*UPDATE reports/.test(sql)) {
              lost++;
              await target
                .prepare(
                  "UPDATE reports SET version = version + 1, write_id = lower(hex(randomblob(8))) WHERE round_id = ? AND unit = ?",
                )
                .bind(R, UNIT)
                .run();
            }
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    return db as D1Database & { lost: () => number };
  }

  async function save(db: D1Database, base: number, value: string, clock: WriteClock) {
    const caller = (await findToken(env.DB, await hashToken(TOKENS.filler)))!.caller;
    return saveReport(
      db,
      caller,
      {
        round: R,
        unit: UNIT,
        ifMatch: base,
        idempotencyKey: null,
        body: { baseVersion: base, changes: [{ cell: "people", value }], explanations: {} },
      },
      { turns: new SaveTurns(), clock },
    );
  }

  it("is stored after more lost races than the old four attempts allowed", async () => {
    const base = await readVersion(TOKENS.filler, R, UNIT);
    const db = losing(12);
    const saved = await save(db, base, "12", fakeClock());
    expect(db.lost()).toBe(12);
    expect(saved.version).toBe(base + 13);
    expect((await storedValues(R, UNIT)).people).toBe("12");
  });

  it("answers 409 write_contention once the budget is spent, having written nothing", async () => {
    const base = await readVersion(TOKENS.filler, R, UNIT);
    const db = losing(Infinity);
    const clock = fakeClock();
    const start = clock.now();
    const before = await storedValues(R, UNIT);
    await expect(save(db, base, "77", clock)).rejects.toMatchObject({ code: "write_contention", status: 409 });
    expect(db.lost()).toBeGreaterThan(4);
    expect(clock.now() - start).toBeLessThan(WRITE_BUDGET_MS);
    expect(await storedValues(R, UNIT)).toEqual(before);
  });
});
