import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { harness } from "./harness";
import { RAISED_DROP, problem } from "../problems";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const balance = problem("balance", "error", ["spent", "raised"], "支出（90）不能超过筹集（80）");
const drop = RAISED_DROP;

describe("submit", () => {
  it("saves what is queued first, then submits exactly that version", async () => {
    const h = harness();
    await h.engine.start();
    h.engine.edit("raised", "80");
    const outcome = await h.engine.submit();
    expect(outcome.ok).toBe(true);
    const submit = h.server.requests.find((r) => r.path.endsWith("/submit"));
    expect(submit?.headers["if-match"]).toBe('"1"');
    expect(h.engine.server).toMatchObject({ version: 2, status: "submitted" });
  });

  it("errors from the server's check come back as problems", async () => {
    const h = harness();
    h.server.check = () => [balance];
    await h.engine.start();
    const outcome = await h.engine.submit();
    expect(outcome).toEqual({
      ok: false,
      reason: "problems",
      message: "报表还有 1 个错误，请修改后再上报",
      problems: [balance],
    });
  });

  it("a warning without 上报说明 blocks; with one it passes", async () => {
    const h = harness();
    h.server.check = () => [drop];
    await h.engine.start();
    const first = await h.engine.submit();
    expect(first).toMatchObject({ ok: false, reason: "problems", problems: [drop] });
    h.engine.explain("drop", "今年企业效益下滑，捐款减少");
    expect(await h.engine.submit()).toMatchObject({ ok: true });
    expect(h.server.fields["note:drop"]).toBe("今年企业效益下滑，捐款减少");
  });

  it("stale (412): refreshes to what others saved and asks to check again", async () => {
    const h = harness();
    await h.engine.start();
    h.server.meanwhile.push(() => h.server.otherSaves({ spent: "10" }));
    const outcome = await h.engine.submit();
    expect(outcome).toMatchObject({ ok: false, reason: "stale" });
    expect(h.remote.at(-1)?.values).toEqual({ spent: "10" });
    expect((await h.engine.submit()).ok).toBe(true);
  });

  it("offline or with unsaved edits it refuses with a zh-CN reason", async () => {
    const h = harness();
    await h.engine.start();
    h.server.up = false;
    h.engine.edit("a", "1");
    expect(await h.engine.submit()).toMatchObject({
      ok: false,
      reason: "offline",
      message: "网络不可用，修改尚未同步，暂时不能上报",
    });
    h.server.up = true;
    await h.engine.online();
    h.server.status = "submitted";
    h.engine.edit("a", "2");
    expect(await h.engine.submit()).toMatchObject({ ok: false, reason: "unsaved" });
  });
});
