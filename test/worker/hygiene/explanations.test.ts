import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Problem } from "../../../schemas/problem";
import type { Validator } from "../../../schemas/validate";
import { MAX_EXPLANATIONS_BYTES, settleExplanations } from "../../../worker/reports/explanations";
import { api, patch, readVersion, seed, storageSnapshot, TOKENS } from "../helpers";

const R = "notes";
const U = "hs-tunxi";

beforeAll(() => seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]));

async function save(changes: { cell: string; value: string | null }[], explanations: Record<string, string | null>) {
  return patch(TOKENS.filler, R, U, await readVersion(TOKENS.filler, R, U), changes, { explanations });
}

async function storedNotes(): Promise<unknown> {
  const row = await env.DB.prepare("SELECT notes FROM reports WHERE round_id = ? AND unit = ?").bind(R, U).first();
  return JSON.parse(row!.notes as string);
}

describe("上报说明 are kept only for the warnings a report has after the save", () => {
  it("does not store one for a problem the report does not have, nor for an error; the cells are saved", async () => {
    const res = await save(
      [
        { cell: "people", value: "20" },
        { cell: "total", value: "1" },
        { cell: "part", value: "2" },
      ],
      { W9: "随便写", W1: "人数不多", R1: "其中项确实大于合计" },
    );
    expect([res.status, res.body.values, res.body.explanations]).toEqual([
      200,
      { people: "20", total: "1", part: "2" },
      {},
    ]);
    expect(await storedNotes()).toEqual({});
    const history = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${U}/history`);
    expect(JSON.stringify(history.body)).not.toContain("note:");
    // Only 说明 for absent problems: nothing to write, the version stays.
    const v = await readVersion(TOKENS.filler, R, U);
    const none = await save([], { W9: "随便写" });
    expect([none.status, none.body.version, none.body.explanations]).toEqual([200, v, {}]);
  });

  it("accepts one for a warning the report has after this save; at most 500 characters, no control characters", async () => {
    const ok = await save([{ cell: "people", value: "2000" }], { W1: "今年受助人数确实较多" });
    expect([ok.status, ok.body.explanations]).toEqual([200, { W1: "今年受助人数确实较多" }]);
    const before = await storageSnapshot();
    const long = await save([], { W1: "字".repeat(501) });
    expect([long.status, long.body.error.code]).toEqual([422, "invalid_explanations"]);
    expect(long.body.error.message).toBe(
      "上报说明未保存：「资助人数超过 1000 人，请核实」的上报说明最多 500 个字（现有 501 个字）",
    );
    expect(long.body.error.details.explanations.map((e: { problemId: string }) => e.problemId)).toEqual(["W1"]);
    const nul = await save([{ cell: "total", value: "5" }], { W1: "核实\u0000无误" });
    expect([nul.status, nul.body.error.code]).toEqual([422, "invalid_explanations"]);
    expect(nul.body.error.message).toContain("U+0000（空字符）");
    expect(await storageSnapshot()).toEqual(before);
    expect((await save([], { W1: "𠀀".repeat(500) })).status).toBe(200);
    expect(await storedNotes()).toEqual({ W1: "𠀀".repeat(500) });
  });

  it("drops a 说明 whose warning is gone after the save, and history shows it going", async () => {
    const res = await save([{ cell: "people", value: "30" }], {});
    expect([res.status, res.body.explanations]).toEqual([200, {}]);
    expect(await storedNotes()).toEqual({});
    const read = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${U}`);
    expect(read.body.explanations).toEqual({});
    const history = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/${U}/history`);
    const last = history.body.entries[history.body.entries.length - 1];
    expect(last.cells).toContainEqual({ cell: "note:W1", old: "𠀀".repeat(500), new: null });
    const row = await env.DB.prepare("SELECT unexplained, warnings FROM reports WHERE round_id = ? AND unit = ?")
      .bind(R, U)
      .first();
    expect(row).toEqual({ unexplained: 0, warnings: 0 });
    // Removing a 说明 that is not there is always fine.
    expect((await save([], { W9: null })).status).toBe(200);
  });

  it("a 说明 whose warning another writer cleared meanwhile is not stored, and the clerk's cells are", async () => {
    await save([{ cell: "people", value: "2000" }], {});
    const base = await readVersion(TOKENS.filler, R, U);
    expect((await patch(TOKENS.filler, R, U, base, [{ cell: "people", value: "40" }])).status).toBe(200);
    const late = await patch(TOKENS.filler, R, U, base, [{ cell: "roster.r1.name", value: "张三" }], {
      explanations: { W1: "核实无误" },
    });
    expect([late.status, late.body.merged, late.body.explanations]).toEqual([200, ["people"], {}]);
    expect(late.body.values).toMatchObject({ people: "40", "roster.r1.name": "张三" });
    expect(await storedNotes()).toEqual({});
  });
});

describe("all of a report's 说明 together stay far below D1's row limit", () => {
  const stub = (ids: string[]) =>
    ({
      problems: (): Problem[] => ids.map((id) => ({ id, ruleId: "W", severity: "warning", cells: [], message: "" })),
    }) as unknown as Validator;
  const text = "字".repeat(500); // 1,500 bytes in UTF-8
  const ids = Array.from({ length: 700 }, (_, i) => `W@r${i}`);

  it("refuses a save that takes them past the bound (422), takes one that stays under", () => {
    const current = Object.fromEntries(ids.slice(0, 660).map((id) => [`note:${id}`, text]));
    const add = (id: string) => ({
      apply: [{ key: `note:${id}`, old: null, new: text }],
      after: { ...current, [`note:${id}`]: text },
      validator: stub(ids),
    });
    expect(() => settleExplanations({ [ids[660]!]: text }, current, add(ids[660]!))).not.toThrow();
    const big = Object.fromEntries(ids.map((id) => [`note:${id}`, text]));
    expect(new TextEncoder().encode(JSON.stringify(big)).length).toBeGreaterThan(MAX_EXPLANATIONS_BYTES);
    const over = { apply: [{ key: "note:W@r699", old: null, new: text }], after: big, validator: stub(ids) };
    expect(() => settleExplanations({ "W@r699": text }, current, over)).toThrow(/上报说明合计过长/);
    // A save that does not add to them is never refused for it (it can only drop stale ones).
    expect(() => settleExplanations({}, big, { apply: [], after: big, validator: stub(ids) })).not.toThrow();
  });
});
