import { describe, expect, it } from "vitest";
import { Outbox, type ServerState } from "../../../addin/sync/outbox";
import { MemoryStore, type KeyValueStore } from "../../../addin/sync/storage";

const base: ServerState = { version: 3, fields: { raised: "100", "note:w1": "旧说明" }, status: "draft" };

function opened(store = new MemoryStore()) {
  const box = Outbox.open(store, "hs-2022-activity", "hs-tunxi");
  box.rebase(base, []);
  return { box, store, reopen: () => Outbox.open(store, "hs-2022-activity", "hs-tunxi") };
}

describe("outbox", () => {
  it("coalesces per field: last value wins, the first edit's position is kept", () => {
    const { box } = opened();
    box.add([["a", "1"]]);
    box.add([["b", 2]]);
    box.add([["a", null]]);
    box.add([["note:w1", "新说明"]]);
    expect([...box.pending]).toEqual([
      ["a", null],
      ["b", 2],
      ["note:w1", "新说明"],
    ]);
    expect(box.size).toBe(3);
  });

  it("every edit is in the store before anything else happens, and survives a reload", () => {
    const { box, reopen } = opened();
    box.add([["a", "1"]]);
    const again = reopen();
    expect([...again.pending]).toEqual([["a", "1"]]);
    expect(again.base).toEqual(base);
  });

  it("a frozen batch is stored with its key and exact body before it is sent", () => {
    const { box, reopen } = opened();
    box.add([
      ["a", "1"],
      ["note:w1", "新说明"],
      ["b", 5],
    ]);
    const batch = box.freeze("key-1", 100);
    expect(batch).toEqual({
      key: "key-1",
      body: {
        baseVersion: 3,
        changes: [
          { cell: "a", value: "1" },
          { cell: "b", value: 5 },
        ],
        explanations: { w1: "新说明" },
      },
    });
    expect(reopen().inflight).toEqual(batch);
    // Asking again gives the same batch, never a new key.
    expect(box.freeze("key-2", 100)).toEqual(batch);
  });

  it("a batch in flight and the edits typed meanwhile both survive a reload", () => {
    const { box, reopen } = opened();
    box.add([["a", "1"]]);
    box.freeze("key-1", 100);
    box.add([
      ["a", "2"],
      ["c", "3"],
    ]);
    const again = reopen();
    expect(again.inflight?.key).toBe("key-1");
    expect([...again.pending]).toEqual([
      ["a", "2"],
      ["c", "3"],
    ]);
    expect(again.size).toBe(2);
  });

  it("is emptied only by the acknowledgement of its own key", () => {
    const { box, reopen } = opened();
    box.add([["a", "1"]]);
    box.freeze("key-1", 100);
    box.acknowledge("other-key", { ...base, version: 9 });
    expect(box.inflight?.key).toBe("key-1");
    box.acknowledge("key-1", { version: 4, fields: { ...base.fields, a: "1" }, status: "draft" });
    const again = reopen();
    expect(again.inflight).toBeNull();
    expect(again.base?.version).toBe(4);
    expect(again.size).toBe(0);
  });

  it("a refused batch goes back in front, under what was typed since", () => {
    const { box } = opened();
    box.add([
      ["a", "1"],
      ["b", "1"],
    ]);
    box.freeze("key-1", 100);
    box.add([
      ["c", "2"],
      ["a", "2"],
    ]);
    box.returnInflight();
    expect(box.inflight).toBeNull();
    expect([...box.pending]).toEqual([
      ["a", "2"],
      ["b", "1"],
      ["c", "2"],
    ]);
  });

  it("takes at most `max` fields per batch and holds conflicting fields back", () => {
    const { box } = opened();
    box.add([
      ["a", "1"],
      ["b", "2"],
      ["c", "3"],
    ]);
    const batch = box.freeze("k", 2, new Set(["a"]));
    expect(batch?.body.changes.map((c) => c.cell)).toEqual(["b", "c"]);
    expect([...box.pending.keys()]).toEqual(["a"]);
  });

  it("a refused cell leaves the queue unless it was typed again; typing it again clears the refusal", () => {
    const { box } = opened();
    box.add([
      ["a", "x"],
      ["b", "y"],
    ]);
    box.reject([
      { cell: "a", code: "invalid_value", message: "a 无法识别", value: "x" },
      { cell: "b", code: "invalid_value", message: "b 无法识别", value: "old" },
    ]);
    expect([...box.pending.keys()]).toEqual(["b"]);
    expect(box.rejected.map((r) => r.cell)).toEqual(["a"]);
    box.add([["a", "1"]]);
    expect(box.rejected).toEqual([]);
  });

  it("parks an unreadable stored document instead of destroying it", () => {
    const store = new MemoryStore();
    store.set("outbox:r/u", "{not json");
    const box = Outbox.open(store, "r", "u");
    expect(box.size).toBe(0);
    expect(store.keys().some((k) => k.startsWith("outbox:r/u:unreadable:") && store.get(k) === "{not json")).toBe(true);
  });

  it("parks a stored document of the wrong shape, and reads back one it wrote itself", () => {
    const { box, store, reopen } = opened();
    box.add([
      ["a", "1"],
      ["b", 2],
      ["note:w1", null],
    ]);
    box.freeze("k1", 1);
    box.setConflicts([{ cell: "c", base: null, theirs: "2", mine: "3" }]);
    const again = reopen();
    expect(again.base).toEqual(base);
    expect(again.inflight).toEqual(box.inflight);
    expect([...again.pending]).toEqual([...box.pending]);
    expect(again.conflicts).toEqual(box.conflicts);

    const good = JSON.parse(store.get("outbox:hs-2022-activity/hs-tunxi") as string) as Record<string, unknown>;
    const bad = [
      { ...good, v: 2 },
      { ...good, base: { ...base, version: 3.5 } },
      { ...good, base: { ...base, status: "lost" } },
      { ...good, pending: [["a"]] },
      { ...good, pending: [["a", true]] },
      { ...good, conflicts: [{ cell: "c", base: null, theirs: 2, mine: "3" }] },
      { ...good, rejected: [{ cell: "c", code: "x", value: "1" }] },
      { ...good, inflight: { key: "k", body: { baseVersion: 3, changes: [], explanations: { w: 1 } } } },
    ];
    for (const doc of bad) {
      const s = new MemoryStore();
      s.set("outbox:r/u", JSON.stringify(doc));
      const parked = Outbox.open(s, "r", "u");
      expect(parked.size).toBe(0);
      expect(parked.base).toBeNull();
      expect(s.get("outbox:r/u")).toBeNull();
      expect(s.keys().filter((k) => k.startsWith("outbox:r/u:unreadable:"))).toHaveLength(1);
    }
  });

  it("keeps working in memory when the store refuses writes, and says so", () => {
    const full: KeyValueStore = {
      get: () => null,
      set: () => {
        throw new DOMException("quota", "QuotaExceededError");
      },
      remove: () => undefined,
    };
    const box = Outbox.open(full, "r", "u");
    box.add([["a", "1"]]);
    expect(box.persistError).toBeInstanceOf(DOMException);
    expect(box.size).toBe(1);
  });
});
