import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../worker/auth/token";
import { findToken } from "../../../worker/db/tokens";
import { systemClock } from "../../../worker/reports/retry";
import { SaveTurns } from "../../../worker/reports/save-turns";
import { saveReport } from "../../../worker/reports/save";
import { api, patch, readVersion, seed, seedRounds, storedValues, TOKENS } from "../helpers";

// docs/api.md: writers on different cells of one report never see an error, however many
// start from the same version at once. Each test takes a fresh round so its report starts empty.
const UNIT = "hs-tunxi";
const WRITERS = [TOKENS.filler, TOKENS.admin];

beforeAll(() => seed([]));

let rounds = 0;
async function freshRound(): Promise<string> {
  const id = `contention-${++rounds}`;
  await seedRounds([{ id, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]);
  return id;
}

async function auditOf(round: string): Promise<{ version: number; action: string }[]> {
  const { results } = await env.DB.prepare(
    "SELECT version, action FROM audit WHERE report_id = (SELECT id FROM reports WHERE round_id = ? AND unit = ?) ORDER BY version",
  )
    .bind(round, UNIT)
    .all<{ version: number; action: string }>();
  return results;
}

/** n writers, each on its own roster cell, all from the same base version, all at once. */
async function writeAtOnce(round: string, n: number) {
  const base = await readVersion(TOKENS.filler, round, UNIT);
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      patch(WRITERS[i % WRITERS.length] as string, round, UNIT, base, [
        { cell: `roster.r${i + 1}.name`, value: `学生${i + 1}` },
      ]),
    ),
  );
  return { base, results };
}

describe.each([10, 30, 60])("%i writers on different cells from one version", (n) => {
  it("are all acknowledged, each value stored once under its own version", async () => {
    const round = await freshRound();
    const { base, results } = await writeAtOnce(round, n);
    expect(results.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.body.error?.code}`))).toEqual(
      Array.from({ length: n }, () => 200),
    );
    const versions = results.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: n }, (_, i) => base + i + 1));
    const stored = await storedValues(round, UNIT);
    for (let i = 1; i <= n; i++) expect(stored[`roster.r${i}.name`]).toBe(`学生${i}`);
    const audit = (await auditOf(round)).filter((a) => a.action === "patch");
    expect(audit.map((a) => a.version)).toEqual(versions);
    // The last answer holds everything; each answer names what it merged from the others.
    const last = results.find((r) => r.body.version === base + n);
    expect(Object.keys(last?.body.values ?? {}).filter((k) => k.endsWith(".name"))).toHaveLength(n);
    for (const r of results) expect(r.body.merged).toHaveLength(r.body.version - base - 1);
  });
});

describe("30 writers in 30 isolates (no turns to take: the retry alone)", () => {
  it("are all stored, each under its own version", async () => {
    const round = await freshRound();
    const base = await readVersion(TOKENS.filler, round, UNIT);
    const caller = (await findToken(env.DB, await hashToken(TOKENS.filler)))!.caller;
    const saved = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        saveReport(
          env.DB,
          caller,
          {
            round,
            unit: UNIT,
            ifMatch: base,
            idempotencyKey: null,
            body: {
              baseVersion: base,
              changes: [{ cell: `roster.r${i + 1}.name`, value: `学生${i + 1}` }],
              explanations: {},
            },
          },
          { turns: new SaveTurns(), clock: systemClock },
        ),
      ),
    );
    expect(saved.map((s) => s.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => base + i + 1),
    );
    expect(Object.keys(await storedValues(round, UNIT)).filter((k) => k.endsWith(".name"))).toHaveLength(30);
  });
});

describe("the same cell from one version", () => {
  it("still lets one win and gives the other 409 edit_conflict, not contention", async () => {
    const round = await freshRound();
    const base = await readVersion(TOKENS.filler, round, UNIT);
    const [a, b] = await Promise.all([
      patch(TOKENS.filler, round, UNIT, base, [{ cell: "people", value: "11" }]),
      patch(TOKENS.admin, round, UNIT, base, [{ cell: "people", value: "22" }]),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(lost.body.error.code).toBe("edit_conflict");
    expect((await storedValues(round, UNIT)).people).toBe(won === a ? "11" : "22");
    expect((await auditOf(round)).map((x) => x.version)).toEqual([base + 1]);
  });

  it("among many writers on other cells: exactly one of the two loses, everyone else is stored", async () => {
    const round = await freshRound();
    const base = await readVersion(TOKENS.filler, round, UNIT);
    const others = Array.from({ length: 20 }, (_, i) =>
      patch(WRITERS[i % 2] as string, round, UNIT, base, [{ cell: `roster.r${i + 1}.name`, value: `学生${i + 1}` }]),
    );
    const same = [
      patch(TOKENS.filler, round, UNIT, base, [{ cell: "total", value: "1" }]),
      patch(TOKENS.admin, round, UNIT, base, [{ cell: "total", value: "2" }]),
    ];
    const results = await Promise.all([...others, ...same]);
    expect(results.slice(0, 20).every((r) => r.status === 200)).toBe(true);
    const pair = results.slice(20).map((r) => (r.status === 200 ? 200 : r.body.error.code));
    expect(pair.sort()).toEqual([200, "edit_conflict"]);
    expect((await auditOf(round)).length).toBe(21);
  });
});

describe("a submit while others save", () => {
  it("either submits the version it saw (later saves are refused) or is told the report moved on", async () => {
    const round = await freshRound();
    // A submittable report: the warning rule W1 (people ≤ 1000) holds.
    const seen = (
      await patch(TOKENS.filler, round, UNIT, await readVersion(TOKENS.filler, round, UNIT), [
        { cell: "people", value: "5" },
      ])
    ).body.version as number;
    const saves = Array.from({ length: 10 }, (_, i) =>
      patch(WRITERS[i % 2] as string, round, UNIT, seen, [{ cell: `roster.r${i + 1}.name`, value: `学生${i + 1}` }]),
    );
    const submit = api(TOKENS.filler, "POST", `/rounds/${round}/reports/${UNIT}/submit`, undefined, {
      "If-Match": `"${seen}"`,
    });
    const [s, ...rest] = await Promise.all([submit, ...saves]);
    const report = await api(TOKENS.admin, "GET", `/rounds/${round}/reports/${UNIT}`);
    const saved = rest.filter((r) => r.status === 200);
    // A save never gets contention; one that came after the submit is refused as not editable.
    for (const r of rest.filter((x) => x.status !== 200)) expect(r.body.error.code).toBe("invalid_transition");
    if (s.status === 200) {
      expect(saved).toHaveLength(0); // the submit needs exactly the version it saw: no save came before it
      expect(report.body.status).toBe("submitted");
      expect(report.body.version).toBe(seen + 1);
    } else {
      expect([s.status, s.body.error.code]).toEqual([412, "precondition_failed"]);
      expect(report.body.status).toBe("draft");
      expect(saved).toHaveLength(10);
      expect(report.body.version).toBe(seen + 10);
    }
  });
});
