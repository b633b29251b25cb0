/** A fake server, a store and an engine wired together, for the sync tests. */
import { vi } from "vitest";
import { createApiClient } from "../../../addin/sync/api-client";
import type { RemoteUpdate } from "../../../addin/sync/rebase";
import { MemoryStore } from "../../../addin/sync/storage";
import { SyncEngine, type SyncEngineOptions } from "../../../addin/sync/sync-engine";
import type { SyncSnapshot } from "../../../addin/sync/sync-state";
import { FakeServer } from "./fake-server";

export interface Harness {
  server: FakeServer;
  store: MemoryStore;
  engine: SyncEngine;
  states: SyncSnapshot[];
  remote: RemoteUpdate[];
  /** The token the client sends (the server accepts `server.token`). */
  token: string;
  /** Drops the engine as a reload would and builds a new one over the same store. */
  reload(): SyncEngine;
}

let keys = 0;

export function harness(options: Partial<SyncEngineOptions> = {}, server = new FakeServer()): Harness {
  const store = new MemoryStore();
  const api = createApiClient({ fetch: server.fetch, token: () => h.token, baseUrl: "https://pane.test/api/v1" });
  const states: SyncSnapshot[] = [];
  const remote: RemoteUpdate[] = [];
  const make = () => {
    const engine = new SyncEngine({
      api,
      store,
      round: server.round,
      unit: server.unit,
      newKey: () => `k${++keys}`,
      ...options,
    });
    engine.subscribe((s) => states.push(s));
    engine.onRemote((u) => remote.push(u));
    return engine;
  };
  const h: Harness = {
    server,
    store,
    engine: make(),
    states,
    remote,
    token: server.token,
    reload() {
      h.engine.dispose();
      h.engine = make();
      return h.engine;
    },
  };
  return h;
}

/** Lets timers and promise chains run until nothing is left to do within `ms`. */
export async function settle(ms = 120_000): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}
