import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mapProblems } from "../../../addin/ui/sessions/problem-map";
import { marksOf } from "../../../addin/ui/sessions/marks";
import { summaryText } from "../../../addin/ui/sessions/problem-words";
import { crossUnitNotice } from "../../../schemas/pii/cross-unit";
import { GRANT_PARTS, RAISED_DROP } from "../problems";
import { harness } from "./harness";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const notice = crossUnitNotice("roster.r1.idno", "idcard");

describe("cross-unit notices in the pane", () => {
  it("the engine keeps the notices of the last answer and drops them when the server no longer sends any", async () => {
    const h = harness();
    await h.engine.start();
    expect(h.engine.snapshot().notices).toBeUndefined();
    h.engine.edit("raised", "12.5");
    h.server.forced.push({
      status: 200,
      body: {
        version: 1,
        status: "draft",
        values: { raised: "12.5" },
        explanations: {},
        merged: [],
        notices: [notice],
      },
      etag: 1,
    });
    await vi.advanceTimersByTimeAsync(1500);
    expect(h.engine.snapshot().notices).toEqual([notice]);
    h.engine.edit("raised", "13");
    h.server.forced.push({
      status: 200,
      body: { version: 2, status: "draft", values: { raised: "13" }, explanations: {}, merged: [] },
      etag: 2,
    });
    await vi.advanceTimersByTimeAsync(1500);
    expect(h.engine.snapshot().notices).toBeUndefined();
  });

  it("a notice is listed after the warnings as 提示: no 上报说明, not counted, no cell mark", () => {
    const view = mapProblems({ local: [RAISED_DROP, GRANT_PARTS], notices: [notice] });
    expect(view.entries.map((e) => [e.id, e.severity, e.cell])).toEqual([
      ["grant-parts", "error", "grant.total"],
      ["drop", "warning", "raised"],
      ["cross-unit@roster.r1.idno", "notice", "roster.r1.idno"],
    ]);
    expect(view).toMatchObject({ errors: 1, warnings: 1, unexplained: 1, notices: 1 });
    expect(summaryText(view)).toContain("1 条提示（不影响上报）");
    expect([...marksOf(view.entries).keys()]).not.toContain("roster.r1.idno");
    expect(notice.message).toBe(
      "该身份证号已在本年度其他单位的名册中填报，请核实是否重复资助（仅提示，不影响上报，无需填写上报说明）",
    );
  });
});
