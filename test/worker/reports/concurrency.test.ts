import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../worker/auth/token";
import { findToken } from "../../../worker/db/tokens";
import { systemClock } from "../../../worker/reports/retry";
import { SaveTurns } from "../../../worker/reports/save-turns";
import { saveReport } from "../../../worker/reports/save";
import { api, patch, readVersion, seed, storageSnapshot, storedValues, TOKENS } from "../helpers";

const R = "c1";
const UNIT = "hs-tunxi";
const URL = `/rounds/${R}/reports/${UNIT}`;
// The district's filler and an admin helping out: two clients, one report.
const A = TOKENS.filler;
const B = TOKENS.admin;

beforeAll(() => seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]));

async function count(table: string): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())?.n ?? 0;
}

describe("two clients patch from the same base", () => {
  it("keeps both when they changed different cells (concurrently)", async () => {
    const base = await readVersion(A, R, UNIT);
    const [a, b] = await Promise.all([
      patch(A, R, UNIT, base, [{ cell: "total", value: "100" }]),
      patch(B, R, UNIT, base, [{ cell: "people", value: "20" }]),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(new Set([a.body.version, b.body.version])).toEqual(new Set([base + 1, base + 2]));
    const last = a.body.version > b.body.version ? a : b;
    expect(last.body.values).toEqual({ total: "100", people: "20" });
    expect(last.body.merged).toEqual([last === a ? "people" : "total"]);
    expect(await storedValues(R, UNIT)).toEqual({ people: "20", total: "100" });
  });

  it("merges sequential saves from a stale base and reports what it took from others", async () => {
    const base = await readVersion(A, R, UNIT);
    // W1 (over 1000 people) fires only with A's change: B's 说明 is kept against the merged values.
    const a = await patch(A, R, UNIT, base, [
      { cell: "part", value: "10" },
      { cell: "people", value: "2000" },
    ]);
    expect(a.status).toBe(200);
    const b = await patch(B, R, UNIT, base, [{ cell: "roster.r1.name", value: "王小二" }], {
      explanations: { W1: "核实无误" },
    });
    expect(b.status).toBe(200);
    expect(b.headers.get("ETag")).toBe(`"${base + 2}"`);
    expect(b.body.merged).toEqual(["part", "people"]);
    expect(b.body.values).toEqual({ total: "100", people: "2000", part: "10", "roster.r1.name": "王小二" });
    expect(b.body.explanations).toEqual({ W1: "核实无误" });
  });

  it("gives exactly one 409 when both changed the same cell, and loses nothing", async () => {
    const base = await readVersion(A, R, UNIT);
    const before = await count("audit");
    const [a, b] = await Promise.all([
      patch(A, R, UNIT, base, [
        { cell: "total", value: "111" },
        { cell: "people", value: "21" },
      ]),
      patch(B, R, UNIT, base, [{ cell: "total", value: "222" }]),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const [won, lost, wonValue, lostValue] = a.status === 200 ? [a, b, "111", "222"] : [b, a, "222", "111"];
    expect(lost.body.error.code).toBe("edit_conflict");
    expect(lost.body.error.details.conflicts).toEqual([
      { cell: "total", base: "100", theirs: wonValue, mine: lostValue },
    ]);
    expect(won.body.version).toBe(base + 1);
    expect((await storedValues(R, UNIT)).total).toBe(wonValue);
    expect(await count("audit")).toBe(before + 1);
    // Nothing lost: the loser resolves the conflict from the winner's version and saves.
    const retry = await patch(won === a ? B : A, R, UNIT, base + 1, [{ cell: "total", value: lostValue }]);
    expect(retry.status).toBe(200);
    expect((await storedValues(R, UNIT)).total).toBe(lostValue);
  });

  it("is not a conflict when both sides set the same value", async () => {
    const base = await readVersion(A, R, UNIT);
    expect((await patch(A, R, UNIT, base, [{ cell: "people", value: "50" }])).status).toBe(200);
    const b = await patch(B, R, UNIT, base, [{ cell: "people", value: "50" }]);
    expect(b.status).toBe(200);
    expect(b.body.version).toBe(base + 1); // nothing new to write
  });

  it("is a conflict when the other side cleared the cell", async () => {
    const base = await readVersion(A, R, UNIT);
    expect((await patch(A, R, UNIT, base, [{ cell: "part", value: null }])).status).toBe(200);
    const b = await patch(B, R, UNIT, base, [{ cell: "part", value: "11" }]);
    expect(b.status).toBe(409);
    expect(b.body.error.details.conflicts).toEqual([{ cell: "part", base: "10", theirs: null, mine: "11" }]);
  });
});

describe("a stale If-Match", () => {
  it("is a 412 on submit (the submitter must have seen the latest), and merges on a save", async () => {
    const seen = await readVersion(A, R, UNIT);
    expect((await patch(B, R, UNIT, seen, [{ cell: "roster.r9.name", value: "后来者" }])).status).toBe(200);
    const before = await storageSnapshot();
    const submit = await api(A, "POST", `${URL}/submit`, undefined, { "If-Match": `"${seen}"` });
    expect([submit.status, submit.body.error.code, submit.body.error.details]).toEqual([
      412,
      "precondition_failed",
      { version: seen + 1 },
    ]);
    expect(await storageSnapshot()).toEqual(before);
    const save = await patch(A, R, UNIT, seen, [{ cell: "roster.r8.name", value: "先来者" }]);
    expect([save.status, save.body.merged]).toEqual([200, ["roster.r9.name"]]);
  });
});

describe("Idempotency-Key", () => {
  it("applies a retried save once after a lost response, answering the same", async () => {
    const base = await readVersion(A, R, UNIT);
    const key = crypto.randomUUID();
    const send = () =>
      patch(A, R, UNIT, base, [{ cell: "people", value: "77" }], { headers: { "Idempotency-Key": key } });
    const first = await send(); // the response is "lost"
    const auditAfterFirst = await count("audit");
    // Someone else saves in between; the replay must still answer what the first answer said.
    expect((await patch(B, R, UNIT, base + 1, [{ cell: "total", value: "300" }])).status).toBe(200);
    const snapshot = await storageSnapshot();
    const second = await send();
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(await storageSnapshot()).toEqual(snapshot);
    expect(await count("audit")).toBe(auditAfterFirst + 1);
  });

  it("applies concurrent duplicates once", async () => {
    const base = await readVersion(A, R, UNIT);
    const key = crypto.randomUUID();
    const send = () =>
      patch(A, R, UNIT, base, [{ cell: "roster.r2.name", value: "并发" }], { headers: { "Idempotency-Key": key } });
    const before = await count("audit");
    const results = await Promise.all([send(), send(), send()]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(results[1]?.body).toEqual(results[0]?.body);
    expect(results[2]?.body).toEqual(results[0]?.body);
    expect(await count("audit")).toBe(before + 1);
  });

  it("refuses the same key with a different body (422), writing nothing", async () => {
    const base = await readVersion(A, R, UNIT);
    const key = crypto.randomUUID();
    expect(
      (await patch(A, R, UNIT, base, [{ cell: "people", value: "1" }], { headers: { "Idempotency-Key": key } })).status,
    ).toBe(200);
    const before = await storageSnapshot();
    const res = await patch(A, R, UNIT, base, [{ cell: "people", value: "2" }], {
      headers: { "Idempotency-Key": key },
    });
    expect([res.status, res.body.error.code]).toEqual([422, "idempotency_key_reused"]);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("keeps keys per token: another client's key is not a replay", async () => {
    const base = await readVersion(A, R, UNIT);
    const key = crypto.randomUUID();
    expect(
      (await patch(A, R, UNIT, base, [{ cell: "people", value: "3" }], { headers: { "Idempotency-Key": key } })).status,
    ).toBe(200);
    const b = await patch(B, R, UNIT, base + 1, [{ cell: "people", value: "4" }], {
      headers: { "Idempotency-Key": key },
    });
    expect([b.status, b.body.version]).toEqual([200, base + 2]);
  });
});

describe("the audit log", () => {
  it("is append-only", async () => {
    await expect(env.DB.prepare("UPDATE audit SET actor = 'x'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("UPDATE audit_cells SET new = 'x'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_cells").run()).rejects.toThrow(/append-only/);
  });

  it("records who changed which cells from what to what", async () => {
    const res = await api(A, "GET", `${URL}/history`);
    expect(res.status).toBe(200);
    const first = res.body.entries[0];
    expect(first).toMatchObject({ version: 1, action: "patch", actor: expect.any(String), role: expect.any(String) });
    const totals = res.body.entries.flatMap((e: { cells: { cell: string }[] }) =>
      e.cells.filter((c) => c.cell === "total"),
    );
    expect(totals[0]).toEqual({ cell: "total", old: null, new: "100" });
    const versions = res.body.entries.map((e: { version: number }) => e.version);
    expect(versions).toEqual([...versions].sort((x: number, y: number) => x - y));
  });
});

describe("a save that loses the race between its read and its write", () => {
  // Requests in the test runner rarely interleave at the exact await, so the race is
  // staged: the first db.batch() of save A runs save B first — the moment after A
  // read version v and before its guarded UPDATE … WHERE version = v. B runs as in
  // another isolate (its own turns): this isolate's saves of one report take turns.
  const otherIsolate = { turns: new SaveTurns(), clock: systemClock };
  function racing(other: () => Promise<unknown>): D1Database {
    let fired = false;
    return new Proxy(env.DB, {
      get(target, prop) {
        if (prop === "batch") {
          return async (statements: D1PreparedStatement[]) => {
            const isWrite = /^\s*UPDATE reports/.test(
              String((statements[0] as unknown as { statement?: string }).statement ?? ""),
            );
            if (!fired && isWrite) {
              fired = true;
              await other();
            }
            return target.batch(statements);
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  async function caller(token: string) {
    return (await findToken(env.DB, await hashToken(token)))!.caller;
  }

  it("merges again against the newer version: disjoint cells are both kept", async () => {
    const base = await readVersion(A, R, UNIT);
    const [a, b] = [await caller(A), await caller(B)];
    const save = (db: D1Database, who: typeof a, cell: string, value: string, schedule?: typeof otherIsolate) =>
      saveReport(
        db,
        who,
        {
          round: R,
          unit: UNIT,
          ifMatch: base,
          idempotencyKey: null,
          body: { baseVersion: base, changes: [{ cell, value }], explanations: {} },
        },
        schedule,
      );
    let otherResult: unknown;
    const db = racing(async () => {
      otherResult = await save(env.DB, b, "total", "901", otherIsolate);
    });
    const mine = await save(db, a, "people", "902");
    expect((otherResult as { version: number }).version).toBe(base + 1);
    expect(mine.version).toBe(base + 2);
    expect(mine.merged).toEqual(["total"]);
    expect(await storedValues(R, UNIT)).toMatchObject({ total: "901", people: "902" });
  });

  it("turns into a 409 when the other writer took the same cell", async () => {
    const base = await readVersion(A, R, UNIT);
    const [a, b] = [await caller(A), await caller(B)];
    const save = (db: D1Database, who: typeof a, value: string, schedule?: typeof otherIsolate) =>
      saveReport(
        db,
        who,
        {
          round: R,
          unit: UNIT,
          ifMatch: base,
          idempotencyKey: null,
          body: { baseVersion: base, changes: [{ cell: "total", value }], explanations: {} },
        },
        schedule,
      );
    const db = racing(() => save(env.DB, b, "903", otherIsolate));
    await expect(save(db, a, "904")).rejects.toMatchObject({ code: "edit_conflict" });
    expect((await storedValues(R, UNIT)).total).toBe("903");
  });
});
