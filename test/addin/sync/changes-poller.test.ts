import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ApiResult } from "../../../addin/sync/api-result";
import { ChangesPoller, latestVersion } from "../../../addin/sync/changes-poller";
import { MemoryStore } from "../../../addin/sync/storage";
import type { ChangeEvent, ChangesQuery, ChangesResponse } from "../../../schemas/api/changes";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const event = (cursor: number, unit: string, version: number): ChangeEvent => ({
  cursor,
  round: "hs-2022-activity",
  unit,
  version,
  kind: "patch",
  status: "draft",
  cells: ["raised"],
  at: "2022-09-01T02:00:00.000Z",
});

/** A feed of `events`, served two per page. */
function feed(events: ChangeEvent[], offline = { now: false as boolean | 401 }) {
  const asked: ChangesQuery[] = [];
  const changes = async (q: ChangesQuery = {}): Promise<ApiResult<ChangesResponse>> => {
    asked.push(q);
    if (offline.now === 401)
      return { ok: false, offline: false, status: 401, code: "unauthorized", message: "令牌无效", details: undefined };
    if (offline.now) return { ok: false, offline: true, message: "离线" };
    const since = Number(q.since ?? 0);
    const after = events.filter((e) => e.cursor > since);
    const page = after.slice(0, 2);
    const cursor = page.at(-1)?.cursor ?? Math.max(since, ...events.map((e) => e.cursor));
    return { ok: true, status: 200, etag: null, data: { events: page, cursor, more: after.length > 2 } };
  };
  return { api: { changes }, asked };
}

describe("changes poller", () => {
  it("reads every page at once, then polls on the interval from the stored cursor", async () => {
    const events = [event(1, "hs-tunxi", 1), event(2, "hs-huizhou", 1), event(5, "hs-tunxi", 2)];
    const { api, asked } = feed(events);
    const store = new MemoryStore();
    const seen: ChangeEvent[] = [];
    const onEvents = (e: ChangeEvent[]) => void seen.push(...e);
    const poller = new ChangesPoller({ api, store, round: "hs-2022-activity", onEvents, minMs: 10_000, maxMs: 10_000 });
    poller.start({ now: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(seen.map((e) => e.cursor)).toEqual([1, 2, 5]);
    expect(asked.map((q) => q.since)).toEqual([0, 2]);
    expect(poller.cursor).toBe(5);

    events.push(event(7, "hs-tunxi", 3));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(seen.map((e) => e.cursor)).toEqual([1, 2, 5, 7]);
    poller.stop();

    // A new poller (a reload) starts from the stored cursor.
    const again = new ChangesPoller({ api, store, round: "hs-2022-activity", onEvents: () => undefined });
    await again.poll();
    expect(asked.at(-1)?.since).toBe(7);
  });

  it("offline polls wait twice as long each time, up to the maximum, and catch up when back", async () => {
    const offline = { now: true as boolean | 401 };
    const { api, asked } = feed([event(1, "hs-tunxi", 1)], offline);
    const seen: ChangeEvent[] = [];
    const poller = new ChangesPoller({
      api,
      round: "r",
      onEvents: (e) => void seen.push(...e),
      minMs: 1000,
      maxMs: 3000,
    });
    poller.start({ now: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(poller.nextDelay).toBe(2000);
    await vi.advanceTimersByTimeAsync(2000 + 3000);
    expect(asked).toHaveLength(3);
    expect(poller.nextDelay).toBe(3000);
    offline.now = false;
    await vi.advanceTimersByTimeAsync(3000);
    expect(seen).toHaveLength(1);
    expect(poller.nextDelay).toBe(1000);
    poller.stop();
  });

  it("a quiet feed stretches the wait ×1.5 up to the maximum, unless news is expected", async () => {
    const events: ChangeEvent[] = [];
    const { api } = feed(events);
    const expecting = { now: false };
    const poller = new ChangesPoller({
      api,
      round: "r",
      onEvents: () => undefined,
      expecting: () => expecting.now,
      minMs: 1000,
      maxMs: 2000,
    });
    poller.start();
    expect(poller.nextDelay).toBe(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(poller.nextDelay).toBe(1500);
    await vi.advanceTimersByTimeAsync(1500);
    expect(poller.nextDelay).toBe(2000);
    expecting.now = true;
    await vi.advanceTimersByTimeAsync(2000);
    expect(poller.nextDelay).toBe(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(poller.nextDelay).toBe(1000);
    poller.stop();
  });

  it("reports only relevant events, once per poll, and waits for their handling", async () => {
    const events = [event(1, "hs-tunxi", 1), event(2, "hs-huizhou", 1), event(3, "hs-tunxi", 2)];
    const { api, asked } = feed(events);
    const calls: number[][] = [];
    let release = () => undefined as void;
    const handled = new Promise<void>((r) => (release = r));
    const poller = new ChangesPoller({
      api,
      round: "r",
      relevant: (e) => e.unit === "hs-tunxi",
      onEvents: (e) => {
        calls.push(e.map((x) => x.cursor));
        return handled;
      },
      minMs: 1000,
    });
    poller.start({ now: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(calls).toEqual([[1, 3]]);
    // Still handling: no second poll is sent meanwhile.
    expect(asked).toHaveLength(2);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toHaveLength(3);
    poller.stop();
  });

  it("keeps the cursor in memory without a store; fastForward skips what is already known", async () => {
    const events = [event(1, "hs-tunxi", 1), event(2, "hs-huizhou", 1), event(4, "hs-tunxi", 2)];
    const { api } = feed(events);
    const seen: ChangeEvent[] = [];
    const poller = new ChangesPoller({ api, round: "r", onEvents: (e) => void seen.push(...e) });
    expect(await poller.fastForward()).toBe(true);
    expect(poller.cursor).toBe(4);
    events.push(event(6, "hs-qimen", 1));
    await poller.poll();
    expect(seen.map((e) => e.cursor)).toEqual([6]);
  });

  it("stops for good when the token is refused, and says so once", async () => {
    const state = { now: 401 as boolean | 401 };
    const { api, asked } = feed([event(1, "hs-tunxi", 1)], state);
    let signedOut = 0;
    const poller = new ChangesPoller({
      api,
      round: "r",
      onEvents: () => undefined,
      onSignedOut: () => void signedOut++,
      minMs: 1000,
    });
    poller.start({ now: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toHaveLength(1);
    expect(signedOut).toBe(1);
  });

  it("stop() cancels the next poll", async () => {
    const { api, asked } = feed([]);
    const poller = new ChangesPoller({ api, round: "r", onEvents: () => undefined, minMs: 1000 });
    poller.start();
    poller.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(asked).toHaveLength(0);
  });

  it("finds the newest version of one unit's report", () => {
    const events = [event(1, "hs-tunxi", 4), event(2, "hs-huizhou", 9), event(3, "hs-tunxi", 6)];
    expect(latestVersion(events, "hs-tunxi")).toBe(6);
    expect(latestVersion(events, "hs-qimen")).toBeNull();
  });
});
