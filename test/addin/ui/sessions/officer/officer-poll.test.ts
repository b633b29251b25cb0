/**
 * The officer's live refresh on a clock the test drives: the poll waits the
 * short interval while units are yet to report (a submission is what the
 * officer is waiting for), stretches towards the long one once all have
 * reported and the feed is quiet, returns to the short one at the next event,
 * and stops when the token is refused.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MemoryWorkbook } from "../../../../../addin/memory/memory-workbook";
import { MemoryOfficerWorkbook } from "../../../../../addin/memory/officer-memory";
import { createApiClient } from "../../../../../addin/sync/api-client";
import type { TimerHandle, Timers } from "../../../../../addin/sync/timers";
import { OfficerSession } from "../../../../../addin/ui/sessions/officer/officer-session";
import { SH_2014_JQZX_VALUES } from "../../../../schemas/fixtures/filled";
import { shanghaiJqzx } from "../../../../schemas/fixtures/templates";
import { FakeOfficerServer, ROUND } from "./officer-fake-server";

const template = shanghaiJqzx();
const opened: OfficerSession[] = [];

/** Timers that only fire when told; `armed` lists every wait asked for. */
class ManualTimers implements Timers {
  readonly armed: number[] = [];
  private next = 1;
  private readonly pending = new Map<number, () => void>();
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.next++;
    this.pending.set(id, fn);
    this.armed.push(ms);
    return id as unknown as TimerHandle;
  }
  clearTimeout(handle: TimerHandle): void {
    this.pending.delete(handle as unknown as number);
  }
  get waiting(): number {
    return this.pending.size;
  }
  /** Fires the one pending timer. */
  fire(): void {
    const [id, fn] = [...this.pending][0] ?? [];
    if (id === undefined || !fn) throw new Error("nothing armed");
    this.pending.delete(id);
    fn();
  }
}

async function setup(submitted: string[], signedOut: () => void = () => undefined) {
  const server = new FakeOfficerServer(template);
  for (const unit of submitted) server.submit(unit, SH_2014_JQZX_VALUES);
  const forms = new MemoryWorkbook();
  const timers = new ManualTimers();
  const api = createApiClient({ fetch: server.fetch, token: () => "hb_test", baseUrl: "https://pane.test/api/v1" });
  const session = await OfficerSession.open({
    api,
    sheets: new MemoryOfficerWorkbook(forms),
    forms,
    round: ROUND,
    template,
    tree: server.tree(),
    node: "sh",
    timers,
    poll: { minMs: 1000, maxMs: 3000 },
    signedOut,
  });
  opened.push(session);
  /** One tick of the clock: the poll it starts, and the refresh that poll causes. */
  const tick = async () => {
    timers.fire();
    await session.pollNow();
  };
  return { server, session, timers, tick };
}

afterEach(async () => {
  for (const s of opened.splice(0)) await s.dispose();
});

describe("the officer's live refresh", () => {
  it("keeps the short interval while units are yet to report", async () => {
    const { session, timers, tick } = await setup(["sh-huangpu"]);
    for (let i = 0; i < 4; i++) await tick();
    expect(timers.armed).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(session.pollInterval).toEqual({ minMs: 1000, maxMs: 3000 });
  });

  it("stretches to the long interval once all have reported, and is back to the short one at the next event", async () => {
    const { server, session, timers, tick } = await setup(["sh-huangpu", "sh-xuhui", "sh-ju-jiaoyu"]);
    for (let i = 0; i < 4; i++) await tick();
    expect(timers.armed).toEqual([1000, 1500, 2250, 3000, 3000]);
    server.submit("sh-xuhui", { ...SH_2014_JQZX_VALUES, raised: "100", raised_gov: "62.5" });
    await tick();
    expect(session.nextPollMs).toBe(1000);
    expect(timers.armed.at(-1)).toBe(1000);
    expect(session.state().units.find((u) => u.code === "sh-xuhui")?.version).toBe(4);
  });

  it("stops when the token is refused and hands over to sign-in", async () => {
    let signedOut = 0;
    const { server, session, timers, tick } = await setup(["sh-huangpu"], () => void signedOut++);
    server.refuseToken = true;
    await tick();
    expect(signedOut).toBe(1);
    expect(timers.waiting).toBe(0);
    expect(session.state().message).toEqual({ tone: "error", text: "登录已失效，自动刷新已停止，请重新登录" });
  });
});
