/** The pane's pure pieces: due dates, marks, the submit gate, write-back, the local cache. */
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../../../addin/sync/storage";
import type { ProblemEntry, ProblemSummary } from "../../../../addin/ui/sessions/problem-map";
import type { SyncDisplay } from "../../../../addin/ui/sessions/sync-label";
import { isBlank, needsWriteBack } from "../../../../addin/ui/sessions/cell-input";
import { diffMarks } from "../../../../addin/ui/sessions/marks";
import { roundProgress } from "../../../../addin/ui/sessions/officer/progress";
import { PaneStore } from "../../../../addin/ui/sessions/pane-store";
import { dueLabel, isEditable, statusLabel } from "../../../../addin/ui/sessions/rounds";
import { submitBlocker } from "../../../../addin/ui/sessions/submit-gate";

describe("due dates in China Standard Time", () => {
  it("words them for the rounds list", () => {
    expect(dueLabel("2014-09-01", new Date("2014-08-20T00:00:00Z"))).toEqual({ text: "还剩 12 天", tone: "ok" });
    expect(dueLabel("2014-09-01", new Date("2014-08-30T00:00:00Z"))).toEqual({ text: "还剩 2 天", tone: "soon" });
    expect(dueLabel("2014-09-01", new Date("2014-09-01T00:00:00Z")).text).toBe("今天截止");
    expect(dueLabel("2014-09-01", new Date("2014-09-11T00:00:00Z"))).toEqual({ text: "已逾期 10 天", tone: "late" });
  });

  it("names statuses and who may still edit", () => {
    expect(statusLabel("draft")).toBe("未上报");
    expect(statusLabel("submitted", true)).toBe("已上报（逾期）");
    expect(statusLabel("returned")).toBe("已退回");
    expect(statusLabel("approved")).toBe("已审核");
    expect(isEditable("returned")).toBe(true);
    expect(isEditable("submitted")).toBe(false);
  });
});

describe("the officer's round list", () => {
  it("counts a report not handed in as late once the due date has passed in China", () => {
    const report = (unit: string, status: "draft" | "submitted" | "returned" | "approved", late = false) =>
      ({ round: "r", unit, unitName: unit, status, version: 1, late, submittedAt: null, updatedAt: null }) as const;
    const reports = [
      report("a", "submitted", true),
      report("b", "approved"),
      report("c", "returned"),
      report("d", "draft"),
    ];
    expect(roundProgress(reports, "2014-09-01", new Date("2014-09-01T15:00:00Z"))).toEqual({
      expected: 4,
      reported: 2,
      approved: 1,
      returned: 1,
      draft: 1,
      late: 1,
    });
    expect(roundProgress(reports, "2014-09-01", new Date("2014-09-01T16:00:00Z")).late).toBe(3);
  });
});

const entry = (id: string, severity: "error" | "warning", cells: string[], message = id): ProblemEntry => ({
  id,
  ruleId: id,
  severity,
  message,
  cells,
  cell: cells[0] ?? null,
  source: "local",
  explanation: null,
});

describe("marks follow the problems with the fewest changes", () => {
  it("marks new cells, keeps unchanged ones out of the call, clears fixed ones", () => {
    const first = diffMarks(new Map(), [
      entry("parts:raised", "error", ["raised", "raised_gov"]),
      entry("w", "warning", ["granted"]),
    ]);
    expect(first.marks.map((m) => m.cell)).toEqual(["raised", "raised_gov", "granted"]);
    expect(first.cleared).toEqual([]);

    const second = diffMarks(first.next, [entry("w", "warning", ["granted"])]);
    expect(second.marks).toEqual([]);
    expect(second.cleared).toEqual(["raised", "raised_gov"]);
  });

  it("sends every mark of a cell whose notes changed, so two problems share one note", () => {
    const one = diffMarks(new Map(), [entry("a", "error", ["x"])]);
    const two = diffMarks(one.next, [entry("a", "error", ["x"]), entry("b", "warning", ["x"])]);
    expect(two.marks.map((m) => m.severity)).toEqual(["error", "warning"]);
  });
});

const summary = (entries: ProblemEntry[]): ProblemSummary => ({
  entries,
  errors: entries.filter((e) => e.severity === "error").length,
  warnings: entries.filter((e) => e.severity === "warning").length,
  unexplained: entries.filter((e) => e.severity === "warning" && e.explanation === null).length,
  toFill: 0,
});
const saved: SyncDisplay = { state: { kind: "saved" }, pending: 0, version: 3, label: "已保存" };

describe("the submit gate", () => {
  it("names the first error", () => {
    const block = submitBlocker({
      summary: summary([entry("r", "error", ["raised"], "「共筹集资金」为必填项")]),
      sync: saved,
      status: "draft",
      locked: false,
    });
    expect(block).toBe("还有 1 个错误，改正后才能上报。例如：「共筹集资金」为必填项");
  });

  it("asks for 上报说明 of unexplained warnings, then lets the report go", () => {
    const warning = entry("w", "warning", ["granted"]);
    expect(submitBlocker({ summary: summary([warning]), sync: saved, status: "draft", locked: false })).toContain(
      "上报说明",
    );
    const explained = { ...warning, explanation: "往年结余" };
    expect(submitBlocker({ summary: summary([explained]), sync: saved, status: "draft", locked: false })).toBeNull();
  });

  it("blocks while offline, in conflict, submitted or locked", () => {
    const s = summary([]);
    expect(
      submitBlocker({ summary: s, sync: { ...saved, state: { kind: "offline" } }, status: "draft", locked: false }),
    ).toContain("网络");
    expect(
      submitBlocker({
        summary: s,
        sync: { ...saved, state: { kind: "conflict", conflicts: [] } },
        status: "draft",
        locked: false,
      }),
    ).toContain("冲突");
    expect(submitBlocker({ summary: s, sync: saved, status: "submitted", locked: false })).toContain("已上报");
    expect(submitBlocker({ summary: s, sync: saved, status: "draft", locked: true })).toContain("锁定");
  });
});

describe("write-back of normalised input", () => {
  it("writes canonical text back only when the clerk's text differs", () => {
    expect(needsWriteBack("８２．５", "82.5")).toBe(true);
    expect(needsWriteBack("1,234", "1234")).toBe(true);
    expect(needsWriteBack("82.5", "82.5")).toBe(false);
    expect(needsWriteBack(82.5, "82.5")).toBe(false);
    expect(needsWriteBack("12a", null)).toBe(false);
    expect(isBlank("\u3000 ")).toBe(true);
    expect(isBlank(0)).toBe(false);
  });
});

describe("the pane's local cache", () => {
  it("keeps the token and who it is until sign-out; templates stay", () => {
    const pane = new PaneStore(new MemoryStore());
    const me = {
      tokenId: 1,
      role: "filler" as const,
      label: "黄浦区总工会（演示）",
      unit: { code: "sh-huangpu", name: "黄浦区总工会", parent: "sh", path: "/sh/sh-huangpu/" },
      expiresAt: "2027-03-01T00:00:00.000Z",
    };
    pane.signIn("hb_x", me);
    pane.lastRound = "sh-2014-jqzx";
    pane.saveTemplate({ id: "t", version: 2 } as never);
    expect(pane.token).toBe("hb_x");
    expect(pane.me?.unit.name).toBe("黄浦区总工会");
    pane.signOut();
    expect([pane.token, pane.me, pane.lastRound]).toEqual([null, null, null]);
    expect(pane.template("t", 2)).toEqual({ id: "t", version: 2 });
  });

  it("survives unreadable JSON", () => {
    const store = new MemoryStore();
    store.set("me", "{oops");
    expect(new PaneStore(store).me).toBeNull();
  });
});
