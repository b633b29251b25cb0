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
function feed(events: ChangeEvent[], offline = { now: false }) {
  const asked: ChangesQuery[] = [];
  const changes = async (q: ChangesQuery = {}): Promise<ApiResult<ChangesResponse>> => {
    asked.push(q);
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
    const poller = new ChangesPoller({ api, store, round: "hs-2022-activity", onEvents: (e) => seen.push(...e), intervalMs: 10_000 });
    poller.start();
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

  it("offline polls just wait for the next turn", async () => {
    const offline = { now: true };
    const { api, asked } = feed([event(1, "hs-tunxi", 1)], offline);
    const seen: ChangeEvent[] = [];
    const poller = new ChangesPoller({ api, store: new MemoryStore(), round: "r", onEvents: (e) => seen.push(...e), intervalMs: 1000 });
    poller.start();
    await vi.advanceTimersByTimeAsync(2500);
    expect(asked).toHaveLength(3);
    offline.now = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toHaveLength(1);
    poller.stop();
  });

  it("finds the newest version of one unit's report", () => {
    const events = [event(1, "hs-tunxi", 4), event(2, "hs-huizhou", 9), event(3, "hs-tunxi", 6)];
    expect(latestVersion(events, "hs-tunxi")).toBe(6);
    expect(latestVersion(events, "hs-qimen")).toBeNull();
  });
});
