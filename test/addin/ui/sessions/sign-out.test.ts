import { describe, expect, it } from "vitest";
import { Outbox } from "../../../../addin/sync/outbox";
import { MemoryStore, webStorageStore, type WebStorageLike } from "../../../../addin/sync/storage";
import { discardOutboxes, unsentEdits, unsentWarning } from "../../../../addin/ui/sessions/sign-out";

/** A DOM `Storage` as the pane sees it, with Office's partition key in front of our namespace. */
function fakeStorage(): WebStorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
  };
}

const sensitive = (field: string) => field.endsWith(".idno");
const base = { version: 1, fields: { a: "1" }, status: "draft" as const };

describe("sign-out and this device's outboxes", () => {
  it("counts nothing unsent once every outbox is acknowledged, and then removes them all", () => {
    const local = fakeStorage();
    local.setItem("other-app:x", "keep");
    const store = webStorageStore(local, { partitionKey: "pk/" });
    const volatile = new MemoryStore();
    const box = Outbox.open(store, "r1", "u", { sensitive, volatile });
    box.rebase(base, []);
    box.add([["a", "2"]]);
    const batch = box.freeze("k", 10)!;
    expect(unsentEdits(store, volatile)).toBe(1);
    box.acknowledge(batch.key, { ...base, version: 2, fields: { a: "2" } });
    store.set("token", "hb_x");
    expect(unsentEdits(store, volatile)).toBe(0);
    discardOutboxes(store, volatile);
    expect([...local.data.keys()].sort()).toEqual(["other-app:x", "pk/huibiao:token"]);
  });

  it("counts queued, in-flight, conflicting and refused edits, sensitive ones in the volatile store too", () => {
    const store = new MemoryStore();
    const volatile = new MemoryStore();
    const one = Outbox.open(store, "r1", "u", { sensitive, volatile });
    one.rebase(base, []);
    one.add([
      ["a", "2"],
      ["roster.r1.idno", "110101200001011234"],
    ]);
    const two = Outbox.open(store, "r2", "u", { sensitive, volatile });
    two.rebase(base, [{ cell: "a", base: "1", mine: "5", theirs: "6" }]);
    two.add([["b", "!x"]]);
    two.reject([{ cell: "b", code: "invalid_value", message: "无法识别", value: "!x" }]);
    store.set("outbox:r3/u:unreadable:1", "{");
    expect(unsentEdits(store, volatile)).toBe(2 + 1 + 1);
    discardOutboxes(store, volatile);
    expect(store.keys()).toEqual(["outbox:r3/u:unreadable:1"]);
    expect(volatile.keys()).toEqual([]);
  });

  it("warns in words a clerk understands", () => {
    expect(unsentWarning(3)).toBe(
      "本机还有 3 项修改没有同步到服务器（可能是网络断开，或服务器未接受）。退出登录会从本机删除这些修改，且无法恢复。",
    );
  });
});
