import { beforeAll, describe, expect, it } from "vitest";
import { api, patch, seed, TOKENS } from "../helpers";

const R = "f1";
const R2 = "f2";

beforeAll(async () => {
  await seed([
    { id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" },
    { id: R2, templateId: "test-jqzx", templateVersion: 1, rootUnit: "sh" },
  ]);
  // One save per unit, in this order.
  expect(
    (
      await patch(TOKENS.filler, R, "hs-tunxi", 0, [
        { cell: "total", value: "1" },
        { cell: "people", value: "2" },
      ])
    ).status,
  ).toBe(200);
  expect((await patch(TOKENS.fillerA, R, "hs-tunxi-a", 0, [{ cell: "total", value: "3" }])).status).toBe(200);
  expect((await patch(TOKENS.fillerHuizhou, R, "hs-huizhou", 0, [{ cell: "total", value: "4" }])).status).toBe(200);
  expect((await patch(TOKENS.fillerPd, R2, "sh-pd", 0, [{ cell: "total", value: "5" }])).status).toBe(200);
});

const units = (events: { unit: string }[]) => events.map((e) => e.unit);

describe("GET /changes", () => {
  it("gives an admin every event in cursor order, with changed cells", async () => {
    const res = await api(TOKENS.admin, "GET", "/changes?since=0");
    expect(res.status).toBe(200);
    expect(units(res.body.events)).toEqual(["hs-tunxi", "hs-tunxi-a", "hs-huizhou", "sh-pd"]);
    expect(res.body.events[0]).toMatchObject({
      round: R,
      version: 1,
      kind: "patch",
      status: "draft",
      cells: ["total", "people"],
    });
    const cursors = res.body.events.map((e: { cursor: number }) => e.cursor);
    expect(cursors).toEqual([...cursors].sort((a: number, b: number) => a - b));
    expect(res.body).toMatchObject({ cursor: cursors[3], more: false });
  });

  it("shows each caller only what it may see", async () => {
    expect(units((await api(TOKENS.filler, "GET", "/changes")).body.events)).toEqual(["hs-tunxi"]);
    expect(units((await api(TOKENS.reviewer, "GET", "/changes")).body.events)).toEqual(["hs-tunxi", "hs-tunxi-a"]);
    expect(units((await api(TOKENS.cityReviewer, "GET", "/changes")).body.events)).toEqual([
      "hs-tunxi",
      "hs-tunxi-a",
      "hs-huizhou",
    ]);
    expect(units((await api(TOKENS.fillerPd, "GET", "/changes")).body.events)).toEqual(["sh-pd"]);
  });

  it("filters by round and returns only events after the cursor", async () => {
    expect(units((await api(TOKENS.admin, "GET", `/changes?round=${R2}`)).body.events)).toEqual(["sh-pd"]);
    const all = await api(TOKENS.admin, "GET", "/changes");
    const after = await api(TOKENS.admin, "GET", `/changes?since=${all.body.events[1].cursor}`);
    expect(units(after.body.events)).toEqual(["hs-huizhou", "sh-pd"]);
  });

  it("pages with limit and `more`, and a poll with nothing new keeps the cursor", async () => {
    const page1 = await api(TOKENS.admin, "GET", "/changes?limit=3");
    expect(page1.body.events).toHaveLength(3);
    expect(page1.body.more).toBe(true);
    const page2 = await api(TOKENS.admin, "GET", `/changes?since=${page1.body.cursor}&limit=3`);
    expect(units(page2.body.events)).toEqual(["sh-pd"]);
    expect(page2.body.more).toBe(false);
    const idle = await api(TOKENS.admin, "GET", `/changes?since=${page2.body.cursor}`);
    expect(idle.body).toEqual({ events: [], cursor: page2.body.cursor, more: false });
  });

  it("lets a filler skip past events it cannot see", async () => {
    const first = await api(TOKENS.filler, "GET", "/changes");
    const next = await api(TOKENS.filler, "GET", `/changes?since=${first.body.cursor}`);
    expect(next.body.events).toEqual([]);
    // The new save of hs-tunxi appears after the cursor; others' saves never do.
    await patch(TOKENS.fillerA, R, "hs-tunxi-a", 1, [{ cell: "total", value: "9" }]);
    await patch(TOKENS.filler, R, "hs-tunxi", 1, [{ cell: "total", value: "8" }]);
    const later = await api(TOKENS.filler, "GET", `/changes?since=${next.body.cursor}`);
    expect(units(later.body.events)).toEqual(["hs-tunxi"]);
  });

  it("rejects a bad cursor with 400", async () => {
    expect((await api(TOKENS.admin, "GET", "/changes?since=-1")).status).toBe(400);
    expect((await api(TOKENS.admin, "GET", "/changes?since=abc")).status).toBe(400);
    expect((await api(TOKENS.admin, "GET", "/changes?limit=5000")).status).toBe(400);
  });
});
