import { describe, expect, it } from "vitest";
import { MemoryStore, webStorageStore, type WebStorageLike } from "../../../addin/sync/storage";

function fakeLocalStorage(): WebStorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe("stores", () => {
  it("memory store: get/set/remove", () => {
    const s = new MemoryStore();
    expect(s.get("a")).toBeNull();
    s.set("a", "1");
    expect(s.get("a")).toBe("1");
    s.remove("a");
    expect(s.get("a")).toBeNull();
  });

  it("localStorage keys start with Office's partition key, then our namespace", () => {
    const ls = fakeLocalStorage();
    const s = webStorageStore(ls, { partitionKey: "pk-123/" });
    s.set("outbox:r/u", "x");
    expect([...ls.data.keys()]).toEqual(["pk-123/huibiao:outbox:r/u"]);
    expect(s.get("outbox:r/u")).toBe("x");
    s.remove("outbox:r/u");
    expect(ls.data.size).toBe(0);
  });

  it("without a partition key (desktop Excel) only the namespace prefixes", () => {
    const ls = fakeLocalStorage();
    webStorageStore(ls, { partitionKey: undefined }).set("k", "v");
    webStorageStore(ls, { partitionKey: "", namespace: "hb-test:" }).set("k", "w");
    expect(Object.fromEntries(ls.data)).toEqual({ "huibiao:k": "v", "hb-test:k": "w" });
  });

  it("two partitions do not see each other's outbox", () => {
    const ls = fakeLocalStorage();
    webStorageStore(ls, { partitionKey: "A" }).set("k", "a");
    expect(webStorageStore(ls, { partitionKey: "B" }).get("k")).toBeNull();
  });
});
