import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { syncDisplay } from "../../../addin/ui/sessions/sync-label";
import { harness, settle } from "./harness";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const patches = (h: ReturnType<typeof harness>) => h.server.requests.filter((r) => r.method === "PATCH");

describe("autosave", () => {
  it("loads the report, then saves about 1 s after the last edit, in one PATCH", async () => {
    const h = harness();
    h.server.otherSaves({ "header.filler": "张三" });
    await h.engine.start();
    expect(h.engine.server?.version).toBe(1);
    expect(h.remote[0]?.values).toEqual({ "header.filler": "张三" });

    h.engine.edit("raised", "12.5");
    await vi.advanceTimersByTimeAsync(600);
    h.engine.edit("grant.primary", 30);
    await vi.advanceTimersByTimeAsync(600);
    expect(patches(h)).toHaveLength(0);
    expect(h.engine.state.kind).toBe("saving");
    await vi.advanceTimersByTimeAsync(500);
    expect(patches(h)).toHaveLength(1);
    expect(patches(h)[0]?.headers["if-match"]).toBe('"1"');
    expect(patches(h)[0]?.body).toEqual({
      baseVersion: 1,
      changes: [
        { cell: "raised", value: "12.5" },
        { cell: "grant.primary", value: 30 },
      ],
      explanations: {},
    });
    expect(h.server.fields).toEqual({ "header.filler": "张三", raised: "12.5", "grant.primary": "30" });
    expect(syncDisplay(h.engine.snapshot())).toMatchObject({
      state: { kind: "saved" },
      pending: 0,
      version: 2,
      label: "已保存",
    });
  });

  it("coalesces edits of one cell: last value wins, first position kept; 上报说明 travel as explanations", async () => {
    const h = harness();
    await h.engine.start();
    h.engine.edit("a", "1");
    h.engine.edit("b", "2");
    h.engine.edit("a", "3");
    h.engine.explain("warn-1", "因统计口径调整");
    expect(h.engine.pendingCount).toBe(3);
    await h.engine.flush();
    expect(patches(h)[0]?.body).toEqual({
      baseVersion: 0,
      changes: [
        { cell: "a", value: "3" },
        { cell: "b", value: "2" },
      ],
      explanations: { "warn-1": "因统计口径调整" },
    });
    expect(h.server.fields).toEqual({ a: "3", b: "2", "note:warn-1": "因统计口径调整" });
  });

  it("shows saving → saved in that order", async () => {
    const h = harness();
    await h.engine.start();
    h.states.length = 0;
    h.engine.edit("a", "1");
    await settle(2000);
    expect(h.states.map((s) => syncDisplay(s).label)).toEqual(["保存中…", "已保存"]);
  });
});

describe("offline", () => {
  it("queues while offline and flushes at once when online is signalled", async () => {
    const h = harness();
    await h.engine.start();
    h.server.up = false;
    h.engine.edit("a", "1");
    h.engine.edit("b", "2");
    await vi.advanceTimersByTimeAsync(1000);
    expect(syncDisplay(h.engine.snapshot())).toMatchObject({
      state: { kind: "offline" },
      pending: 2,
      label: "离线（2 项待同步）",
    });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(h.server.fields).toEqual({});

    h.server.up = true;
    await h.engine.online();
    expect(h.server.fields).toEqual({ a: "1", b: "2" });
    expect(h.engine.state.kind).toBe("saved");
  });

  it("retries on its own with doubling delays up to the maximum", async () => {
    const h = harness({ retry: { initialMs: 1000, maxMs: 4000 } });
    await h.engine.start();
    // Each attempt consumes one "drop" fault, so the faults left count the attempts.
    for (let i = 0; i < 20; i++) h.server.faults.push("drop");
    const attempts = () => 20 - h.server.faults.length;
    h.engine.edit("a", "1");
    await vi.advanceTimersByTimeAsync(1000); // debounce → attempt 1, next in 1 s
    expect(attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(1000); // attempt 2, next in 2 s
    expect(attempts()).toBe(2);
    await vi.advanceTimersByTimeAsync(1999);
    expect(attempts()).toBe(2);
    await vi.advanceTimersByTimeAsync(1); // attempt 3, next in 4 s
    await vi.advanceTimersByTimeAsync(4000); // attempt 4, next in 4 s (the maximum)
    await vi.advanceTimersByTimeAsync(4000); // attempt 5
    expect(attempts()).toBe(5);
    h.server.faults.length = 0;
    await vi.advanceTimersByTimeAsync(4000);
    expect(h.server.fields).toEqual({ a: "1" });
    expect(h.engine.state.kind).toBe("saved");
  });

  it("a lost answer is retried with the same key and applied once", async () => {
    const h = harness();
    await h.engine.start();
    h.engine.edit("a", "1");
    h.server.faults.push("lose");
    await h.engine.flush();
    expect(h.server.fields).toEqual({ a: "1" }); // written, but the client does not know
    expect(h.engine.state.kind).toBe("offline");
    await h.engine.online();
    const keys = patches(h).map((r) => r.headers["idempotency-key"]);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
    expect([...h.server.applications.values()]).toEqual([1]);
    expect(h.server.version).toBe(1);
    expect(h.engine.snapshot()).toMatchObject({ state: { kind: "saved" }, version: 1 });
  });

  it("a reload while a save is in flight re-sends the same batch and keeps later edits", async () => {
    const h = harness();
    await h.engine.start();
    h.engine.edit("a", "1");
    h.server.faults.push("lose");
    await h.engine.flush();
    h.engine.edit("a", "2");
    h.engine.edit("b", "3");

    const engine = h.reload();
    expect(engine.pendingCount).toBe(2);
    await engine.start();
    expect(h.server.fields).toEqual({ a: "2", b: "3" });
    const keys = patches(h).map((r) => r.headers["idempotency-key"]);
    expect(keys[0]).toBe(keys[1]);
    expect(new Set(keys).size).toBe(2);
    expect([...h.server.applications.values()]).toEqual([1, 1]);
  });

  it("edits typed while a save is in flight are sent after it", async () => {
    const h = harness();
    await h.engine.start();
    h.engine.edit("a", "1");
    const first = h.engine.flush();
    h.engine.edit("a", "2");
    h.engine.edit("b", "x");
    await first;
    expect(h.server.fields).toEqual({ a: "2", b: "x" });
    expect(patches(h).map((r) => r.body)).toEqual([
      { baseVersion: 0, changes: [{ cell: "a", value: "1" }], explanations: {} },
      {
        baseVersion: 1,
        changes: [
          { cell: "a", value: "2" },
          { cell: "b", value: "x" },
        ],
        explanations: {},
      },
    ]);
  });

  it("works offline from the first start and loads the report when the network returns", async () => {
    const h = harness();
    h.server.otherSaves({ c: "9" });
    h.server.up = false;
    await h.engine.start();
    h.engine.edit("a", "1");
    await settle(5000);
    expect(h.engine.snapshot()).toMatchObject({ state: { kind: "offline" }, version: null, pending: 1 });
    h.server.up = true;
    await h.engine.online();
    expect(h.server.fields).toEqual({ a: "1", c: "9" });
    expect(h.remote.at(0)?.values).toEqual({ c: "9" });
  });

  it("a 5xx is an error that retries by itself", async () => {
    const h = harness();
    await h.engine.start();
    h.server.forced.push({ status: 503, body: "<html>Service Unavailable</html>" });
    h.engine.edit("a", "1");
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.engine.state).toMatchObject({ kind: "error", retrying: true, code: "http_503" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.engine.state.kind).toBe("saved");
    expect(h.server.fields).toEqual({ a: "1" });
  });

  it("409 write_contention (the Worker's write budget ran out) retries by itself; the edit is not lost", async () => {
    const h = harness();
    await h.engine.start();
    const busy = { error: { code: "write_contention", message: "该报表正被多人同时修改，未能保存，请稍后重试" } };
    h.server.forced.push({ status: 409, body: busy }, { status: 409, body: busy });
    h.engine.edit("a", "1");
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.engine.state).toMatchObject({ kind: "error", retrying: true, code: "write_contention" });
    expect(h.engine.pendingCount).toBe(1);
    await settle(10_000);
    expect(h.engine.state.kind).toBe("saved");
    expect(h.server.fields).toEqual({ a: "1" });
    expect(patches(h).length).toBeGreaterThanOrEqual(3);
  });
});

describe("answers that stop the engine", () => {
  it("401 → signed-out; edits stay; a new token resumes", async () => {
    const h = harness();
    await h.engine.start();
    h.token = "hb_revoked";
    h.engine.edit("a", "1");
    await settle(5000);
    expect(h.engine.state.kind).toBe("signed-out");
    expect(syncDisplay(h.engine.snapshot()).label).toContain("重新登录");
    expect(h.engine.pendingCount).toBe(1);
    h.token = h.server.token;
    await h.engine.signedIn();
    expect(h.server.fields).toEqual({ a: "1" });
  });

  it("422 invalid_cells: the refused cells are listed with the server's message, the rest is saved", async () => {
    const h = harness();
    await h.engine.start();
    h.engine.edit("a", "1");
    h.engine.edit("b", "!12a");
    h.engine.explain("w", "说明");
    await h.engine.flush();
    expect(h.server.fields).toEqual({ a: "1", "note:w": "说明" });
    const state = h.engine.state;
    expect(state.kind).toBe("error");
    if (state.kind !== "error") return;
    expect(state.invalid).toEqual([
      { cell: "b", code: "invalid_value", message: "b 的内容“!12a”无法识别", value: "!12a" },
    ]);
    expect(syncDisplay(h.engine.snapshot()).label).toBe("有 1 个单元格未能保存：b 的内容“!12a”无法识别");

    h.engine.edit("b", "12");
    await h.engine.flush();
    expect(h.engine.state.kind).toBe("saved");
    expect(h.server.fields.b).toBe("12");
  });

  it("a refusal can be dismissed (a cell the template no longer has)", async () => {
    const h = harness();
    await h.engine.start();
    h.engine.edit("old.cell", "!x");
    await h.engine.flush();
    expect(h.engine.state.kind).toBe("error");
    h.engine.dismissRejected(["old.cell"]);
    expect(h.engine.snapshot()).toMatchObject({ state: { kind: "saved" }, pending: 0 });
  });

  it("a submitted report refuses saves: error with the server's message, edits kept, retry() later", async () => {
    const h = harness();
    await h.engine.start();
    h.server.status = "submitted";
    h.engine.edit("a", "1");
    await h.engine.flush();
    expect(h.engine.state).toMatchObject({ kind: "error", code: "invalid_transition", retrying: false });
    expect(syncDisplay(h.engine.snapshot()).label).toContain("不能修改");
    expect(h.engine.pendingCount).toBe(1);
    h.server.status = "returned";
    await h.engine.retry();
    expect(h.server.fields).toEqual({ a: "1" });
  });

  it("when a refresh shows the report returned for editing, the stopped edits go out by themselves", async () => {
    const h = harness();
    await h.engine.start();
    h.server.status = "submitted";
    h.engine.edit("a", "1");
    await h.engine.flush();
    expect(h.engine.state.kind).toBe("error");
    h.server.status = "returned";
    h.server.version++; // the return is a new version
    expect(await h.engine.noticeVersion(h.server.version)).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.server.fields).toEqual({ a: "1" });
    expect(h.engine.state.kind).toBe("saved");
  });

  it("413 halves the batch and carries on", async () => {
    const h = harness();
    await h.engine.start();
    h.server.forced.push({ status: 413, body: { error: { code: "payload_too_large", message: "提交的内容过大" } } });
    h.engine.editMany(Array.from({ length: 10 }, (_, i) => ({ cell: `r.${i}.name`, value: `名${i}` })));
    await h.engine.flush();
    const sizes = patches(h).map((r) => (r.body as { changes: unknown[] }).changes.length);
    expect(sizes).toEqual([10, 5, 5]);
    expect(Object.keys(h.server.fields)).toHaveLength(10);
  });
});

describe("lifecycle", () => {
  it("subscribe calls back at once and on every change; unsubscribe stops it", async () => {
    const h = harness();
    const seen: string[] = [];
    const off = h.engine.subscribe((s) => seen.push(`${syncDisplay(s).label}@${s.version}`));
    expect(seen).toEqual(["已保存@null"]);
    await h.engine.start();
    h.engine.edit("a", "1");
    off();
    await h.engine.flush();
    expect(seen).toEqual(["已保存@null", "已保存@0", "保存中…@0"]);
  });

  it("a disposed engine ignores an answer still on its way and leaves the store alone", async () => {
    const h = harness();
    await h.engine.start();
    h.engine.edit("a", "1");
    const old = h.engine;
    const saving = old.flush();
    old.dispose();
    const stored = h.store.get("outbox:hs-2022-activity/hs-tunxi");
    await saving;
    expect(h.store.get("outbox:hs-2022-activity/hs-tunxi")).toBe(stored);
    old.edit("b", "2");
    expect(h.store.get("outbox:hs-2022-activity/hs-tunxi")).toBe(stored);
    // The next session acknowledges the batch through its key.
    const engine = h.reload();
    await engine.start();
    expect(engine.pendingCount).toBe(0);
    expect(h.server.replays).toBe(1);
  });

  it("a full device store is an error that keeps saving to the server", async () => {
    const h = harness();
    await h.engine.start();
    const set = vi.spyOn(h.store, "set").mockImplementation(() => {
      throw new DOMException("quota", "QuotaExceededError");
    });
    h.engine.edit("a", "1");
    expect(h.engine.state).toMatchObject({ kind: "error", code: "storage_failed", retrying: true });
    await h.engine.flush();
    expect(h.server.fields).toEqual({ a: "1" });
    set.mockRestore();
  });
});
