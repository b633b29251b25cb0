import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { syncDisplay } from "../../../addin/ui/sessions/sync-label";
import { harness } from "./harness";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

async function started() {
  const h = harness();
  h.server.otherSaves({ raised: "100", spent: "80" });
  await h.engine.start();
  h.remote.length = 0;
  return h;
}

describe("others' changes", () => {
  it("a cell only someone else changed merges silently and is announced for the sheet", async () => {
    const h = await started();
    h.server.otherSaves({ spent: "90", "note:w1": "他人写的说明" });
    h.engine.edit("raised", "120");
    await h.engine.flush();
    expect(h.server.fields).toEqual({ raised: "120", spent: "90", "note:w1": "他人写的说明" });
    expect(h.remote).toEqual([{ values: { spent: "90" }, explanations: { w1: "他人写的说明" } }]);
    expect(h.engine.state.kind).toBe("saved");
  });

  it("refresh() pulls others' changes when idle", async () => {
    const h = await started();
    h.server.otherSaves({ spent: null });
    expect(await h.engine.noticeVersion(1)).toBe(false); // not newer than ours
    expect(await h.engine.noticeVersion(2)).toBe(true);
    expect(h.remote).toEqual([{ values: { spent: null }, explanations: {} }]);
    expect(h.engine.server?.version).toBe(2);
  });
});

describe("409 edit_conflict", () => {
  it("lists {cell, base, theirs, mine}; nothing is overwritten until the clerk chooses", async () => {
    const h = await started();
    h.server.otherSaves({ raised: "150" });
    h.engine.edit("raised", "120");
    h.engine.edit("spent", "85");
    await h.engine.flush();

    expect(h.engine.state).toEqual({
      kind: "conflict",
      conflicts: [{ cell: "raised", base: "100", theirs: "150", mine: "120" }],
    });
    expect(syncDisplay(h.engine.snapshot()).label).toBe("冲突（1 处需要确认）");
    // The edit that did not clash is saved meanwhile; the clashing one is held.
    expect(h.server.fields).toEqual({ raised: "150", spent: "85" });
    expect(h.engine.pendingCount).toBe(1);

    h.engine.resolve({ raised: "mine" });
    await h.engine.flush();
    expect(h.server.fields).toEqual({ raised: "120", spent: "85" });
    expect(h.engine.state.kind).toBe("saved");
  });

  it("choosing theirs drops my edit and puts their value in the sheet", async () => {
    const h = await started();
    h.server.otherSaves({ raised: "150" });
    h.engine.edit("raised", "120");
    await h.engine.flush();
    const remaining = h.engine.resolve({ raised: "theirs" });
    expect(remaining).toEqual([]);
    await h.engine.flush();
    expect(h.server.fields.raised).toBe("150");
    expect(h.remote.at(-1)).toEqual({ values: { raised: "150" }, explanations: {} });
    expect(h.engine.pendingCount).toBe(0);
    expect(h.engine.state.kind).toBe("saved");
  });

  it("conflicts without a choice stay open; the conflict survives a reload", async () => {
    const h = await started();
    h.server.otherSaves({ raised: "150", spent: "70" });
    h.engine.edit("raised", "120");
    h.engine.edit("spent", "85");
    await h.engine.flush();
    const state = h.engine.state;
    expect(state.kind === "conflict" && state.conflicts.map((c) => c.cell)).toEqual(["raised", "spent"]);

    const engine = h.reload();
    expect(engine.state.kind).toBe("conflict");
    expect(engine.resolve({ spent: "theirs" }).map((c) => c.cell)).toEqual(["raised"]);
    engine.resolve({ raised: "mine" });
    await engine.flush();
    expect(h.server.fields).toEqual({ raised: "120", spent: "70" });
  });

  it("typing into a conflicting cell updates 'mine' instead of sending", async () => {
    const h = await started();
    h.server.otherSaves({ raised: "150" });
    h.engine.edit("raised", "120");
    await h.engine.flush();
    h.engine.edit("raised", "130");
    await vi.advanceTimersByTimeAsync(2000);
    expect(h.engine.state).toEqual({
      kind: "conflict",
      conflicts: [{ cell: "raised", base: "100", theirs: "150", mine: "130" }],
    });
    expect(h.server.fields.raised).toBe("150");
  });

  it("an edit typed during a save that merged someone's change to that cell becomes a conflict", async () => {
    const h = await started();
    h.engine.edit("raised", "120");
    // While the save is on its way: someone changes `spent`, and the clerk types over it too.
    h.server.meanwhile.push(() => {
      h.server.otherSaves({ spent: "60" });
      h.engine.edit("spent", "85");
    });
    await h.engine.flush();
    expect(h.engine.state).toEqual({
      kind: "conflict",
      conflicts: [{ cell: "spent", base: "80", theirs: "60", mine: "85" }],
    });
    expect(h.server.fields).toEqual({ raised: "120", spent: "60" });
    // Told by the save's `merged`, without a second request.
    expect(h.server.requests.filter((r) => r.method === "PATCH")).toHaveLength(1);
  });

  it("the same value on both sides is no conflict", async () => {
    const h = await started();
    h.server.otherSaves({ raised: "120" });
    h.engine.edit("raised", " 120 ");
    await h.engine.flush();
    expect(h.engine.state.kind).toBe("saved");
  });

  it("a template-aware canonicaliser avoids questions about spelling ('12.50' vs '12.5')", async () => {
    const h = harness({ canonical: (_f, raw) => (raw === null ? null : String(Number(raw))) });
    h.server.otherSaves({ raised: "100" });
    await h.engine.start();
    h.server.otherSaves({ raised: "12.5" });
    h.engine.edit("raised", "12.50");
    await h.engine.refresh();
    expect(h.engine.state.kind).not.toBe("conflict");
  });
});

describe("edits the server has not seen", () => {
  it("a refresh that brings someone's change to a cell I edited (not yet sent) makes a conflict, not a save", async () => {
    const h = await started();
    h.engine.edit("spent", "85");
    h.server.otherSaves({ spent: "60", raised: "101" });
    expect(await h.engine.refresh()).toBe(true);
    expect(h.engine.state).toEqual({
      kind: "conflict",
      conflicts: [{ cell: "spent", base: "80", theirs: "60", mine: "85" }],
    });
    expect(h.remote).toEqual([{ values: { raised: "101" }, explanations: {} }]);
    await h.engine.online();
    expect(h.server.fields.spent).toBe("60");
  });

  it("after a 409, queued edits of other cells changed meanwhile are caught too", async () => {
    const h = await started();
    h.engine.edit("raised", "120");
    await h.engine.flush();
    h.server.otherSaves({ raised: "150", spent: "70" });
    h.engine.edit("raised", "125");
    // `spent` is typed after the server said 409 about `raised`, and before the refetch.
    h.server.meanwhile.push(() => h.engine.edit("spent", "85"));
    await h.engine.flush();
    const state = h.engine.state;
    expect(state.kind === "conflict" && state.conflicts.map((c) => [c.cell, c.theirs, c.mine])).toEqual([
      ["raised", "150", "125"],
      ["spent", "70", "85"],
    ]);
    expect(h.server.fields).toEqual({ raised: "150", spent: "70" });
  });

  it("上报说明 conflict like cells, keyed note:<problem id>", async () => {
    const h = await started();
    h.server.otherSaves({ "note:drop": "他人的说明" });
    h.engine.explain("drop", "我的说明");
    await h.engine.flush();
    expect(h.engine.state).toEqual({
      kind: "conflict",
      conflicts: [{ cell: "note:drop", base: null, theirs: "他人的说明", mine: "我的说明" }],
    });
    h.engine.resolve({ "note:drop": "theirs" });
    expect(h.remote.at(-1)).toEqual({ values: {}, explanations: { drop: "他人的说明" } });
  });
});

describe("412 precondition_failed", () => {
  it("refetches and re-sends against the current version, keeping what others did", async () => {
    const h = await started();
    h.engine.edit("raised", "120");
    // The client's base is ahead of the server (e.g. the server's data was restored from a backup).
    h.server.version = 0;
    h.server.history.length = 0;
    h.server.fields = { raised: "100", spent: "80", extra: "1" };
    await h.engine.flush();
    const [first, second] = h.server.requests.filter((r) => r.method === "PATCH");
    expect(first?.headers["if-match"]).toBe('"1"');
    expect(second?.headers["if-match"]).toBe('"0"');
    expect(second?.headers["idempotency-key"]).not.toBe(first?.headers["idempotency-key"]);
    expect(h.server.fields).toEqual({ raised: "120", spent: "80", extra: "1" });
    expect(h.remote.at(-1)?.values).toEqual({ extra: "1" });
  });
});
