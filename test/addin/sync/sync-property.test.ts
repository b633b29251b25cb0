/**
 * The promise of the outbox, checked over random histories: whatever the order
 * of edits, network loss, answers lost after the server wrote, reloads and
 * other people's saves, the server ends with exactly the last value of every
 * cell, and no save (Idempotency-Key) is ever applied twice.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { harness } from "./harness";

type Action =
  | { t: "edit"; cell: string; value: string | number | null }
  | { t: "explain"; id: string; text: string | null }
  | { t: "wait"; ms: number }
  | { t: "offline" }
  | { t: "online" }
  | { t: "fault"; kind: "drop" | "lose" }
  | { t: "reload" }
  | { t: "flush" }
  | { t: "other"; cell: string; value: string | null };

const text = fc.oneof(fc.constantFrom("0", "12.5", "张三", " 7 ", ""), fc.integer({ min: 0, max: 999 }).map(String));
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant("edit" as const),
      cell: fc.constantFrom("a", "b", "c", "g.p"),
      value: fc.oneof(text, fc.integer({ min: 0, max: 99 }), fc.constant(null)),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant("explain" as const),
      id: fc.constantFrom("w1", "w2"),
      text: fc.option(text, { nil: null }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("wait" as const), ms: fc.integer({ min: 0, max: 5000 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: "offline" as const }) },
  { weight: 1, arbitrary: fc.constant({ t: "online" as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ t: fc.constant("fault" as const), kind: fc.constantFrom("drop" as const, "lose" as const) }),
  },
  { weight: 1, arbitrary: fc.constant({ t: "reload" as const }) },
  { weight: 2, arbitrary: fc.constant({ t: "flush" as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant("other" as const),
      cell: fc.constantFrom("x", "y"),
      value: fc.option(text, { nil: null }),
    }),
  },
);

function canonical(v: string | number | null): string | null {
  if (v === null) return null;
  const t = typeof v === "number" ? String(v) : v.trim();
  return t === "" ? null : t;
}

beforeAll(() => {
  vi.useFakeTimers();
});
afterAll(() => {
  vi.useRealTimers();
});

it("ends with every last value on the server, each save applied once", async () => {
  let replays = 0;
  let reloads = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(action, { maxLength: 40 }), async (actions) => {
      vi.clearAllTimers();
      const h = harness();
      const expected = new Map<string, string | null>();
      void h.engine.start();
      for (const a of actions) {
        switch (a.t) {
          case "edit":
            h.engine.edit(a.cell, a.value);
            expected.set(a.cell, canonical(a.value));
            break;
          case "explain":
            h.engine.explain(a.id, a.text);
            expected.set(`note:${a.id}`, canonical(a.text));
            break;
          case "wait":
            await vi.advanceTimersByTimeAsync(a.ms);
            break;
          case "offline":
            h.server.up = false;
            h.engine.markOffline();
            break;
          case "online":
            h.server.up = true;
            void h.engine.online();
            break;
          case "fault":
            h.server.faults.push(a.kind);
            break;
          case "reload":
            void h.reload().start();
            break;
          case "flush":
            void h.engine.flush();
            break;
          case "other":
            h.server.otherSaves({ [a.cell]: a.value === null ? null : canonical(a.value) });
            expected.set(a.cell, canonical(a.value));
            break;
        }
      }

      // The network comes back for good.
      h.server.up = true;
      h.server.faults.length = 0;
      for (let i = 0; i < 10 && !(h.engine.pendingCount === 0 && h.engine.state.kind === "saved"); i++) {
        await h.engine.online();
        await vi.advanceTimersByTimeAsync(5000);
      }

      const want = Object.fromEntries([...expected].filter((e): e is [string, string] => e[1] !== null));
      expect(h.engine.state).toEqual({ kind: "saved" });
      expect(h.engine.pendingCount).toBe(0);
      expect(h.server.fields).toEqual(want);
      for (const [key, n] of h.server.applications) expect(n, `applications of ${key}`).toBe(1);
      for (const [body, n] of h.server.bodies) expect(n, `applications of ${body}`).toBe(1);
      replays += h.server.replays;
      reloads += actions.filter((a) => a.t === "reload").length;
      h.engine.dispose();
    }),
    { numRuns: 300 },
  );
  // The histories did exercise lost answers and reloads, not only the easy path.
  expect(replays).toBeGreaterThan(3);
  expect(reloads).toBeGreaterThan(10);
});
