import { describe, expect, it } from "vitest";
import { Outbox, type OutboxPrivacy, type ServerState } from "../../../addin/sync/outbox";
import { MemoryStore } from "../../../addin/sync/storage";

/**
 * Issue 12: the outbox never keeps a sensitive value (身份证号, 银行卡号) in the
 * lasting store, and keeps it in the volatile one only until the server
 * acknowledges it. Fields `roster.<row>.idcard` stand for a sensitive column.
 */
const ID = "341002200501010213";
const sensitive = (field: string) => field.endsWith(".idcard");
const base: ServerState = {
  version: 3,
  fields: { "roster.r1.name": "张三", "roster.r1.idcard": ID, raised: "100" },
  status: "draft",
};

function opened() {
  const store = new MemoryStore();
  const volatile = new MemoryStore();
  const privacy: OutboxPrivacy = { sensitive, volatile };
  const open = () => Outbox.open(store, "r", "u", privacy);
  const box = open();
  box.rebase(base, []);
  const lasting = () => store.keys().map((k) => store.get(k) ?? "");
  return { box, store, volatile, open, lasting };
}

describe("outbox and sensitive values", () => {
  it("keeps the acknowledged sensitive values of the base in memory only", () => {
    const { box, open, lasting } = opened();
    expect(box.base?.fields["roster.r1.idcard"]).toBe(ID);
    expect(lasting().join("")).not.toContain(ID);
    expect(open().base?.fields).toEqual({ "roster.r1.name": "张三", raised: "100" });
  });

  it("keeps a typed sensitive value in the volatile store until acknowledged, then nowhere", () => {
    const { box, volatile, open, lasting } = opened();
    const other = "110101200001011234";
    box.add([
      ["roster.r2.name", "李四"],
      ["roster.r2.idcard", other],
    ]);
    expect(lasting().join("")).not.toContain(other);
    expect(volatile.keys()).toHaveLength(1);
    // A reload within the session finds both edits, in order.
    expect([...open().pending]).toEqual([
      ["roster.r2.name", "李四"],
      ["roster.r2.idcard", other],
    ]);
    const batch = box.freeze("k1", 10);
    expect(batch?.body.changes).toHaveLength(2);
    expect(lasting().join("")).not.toContain(other);
    // A reload while it is in flight retries the exact batch (same key, same body).
    const reloaded = open();
    expect(reloaded.inflight).toEqual(batch);
    expect(reloaded.pending.size).toBe(0);
    box.acknowledge("k1", {
      version: 4,
      fields: { ...base.fields, "roster.r2.name": "李四", "roster.r2.idcard": other },
      status: "draft",
    });
    expect(volatile.keys()).toEqual([]);
    expect(lasting().join("")).not.toContain(other);
    expect(open().base?.fields["roster.r2.name"]).toBe("李四");
  });

  it("when the session ends with a sensitive batch in flight, its plain fields are still queued", () => {
    const { box, store, open } = opened();
    box.add([
      ["raised", "120"],
      ["roster.r1.idcard", "110101200001011234"],
    ]);
    box.freeze("k1", 10);
    box.add([["raised", "130"]]);
    // Excel closed: the volatile store is gone, the lasting one remains.
    const next = Outbox.open(store, "r", "u", { sensitive, volatile: new MemoryStore() });
    expect(next.inflight).toBeNull();
    expect([...next.pending]).toEqual([["raised", "130"]]);
    // Within the session, the batch and the later edit both come back.
    const same = open();
    expect(same.inflight?.key).toBe("k1");
    expect([...same.pending]).toEqual([["raised", "130"]]);
  });

  it("keeps refused sensitive values out of the lasting store", () => {
    const { box, volatile, lasting } = opened();
    box.add([["roster.r1.idcard", "123"]]);
    box.reject([{ cell: "roster.r1.idcard", code: "invalid_value", message: "身份证号位数不对", value: "123" }]);
    expect(lasting().join("")).not.toContain('"123"');
    expect(volatile.keys()).toHaveLength(1);
    box.dismissRejected();
    expect(volatile.keys()).toEqual([]);
  });

  it("moves the sensitive values an older version of the pane left in the lasting store", () => {
    const store = new MemoryStore();
    const old = Outbox.open(store, "r", "u");
    old.rebase(base, []);
    old.add([["roster.r1.idcard", "110101200001011234"]]);
    expect(
      store
        .keys()
        .map((k) => store.get(k))
        .join(""),
    ).toContain(ID);
    const box = Outbox.open(store, "r", "u", { sensitive, volatile: new MemoryStore() });
    box.add([["raised", "1"]]);
    const text = store
      .keys()
      .map((k) => store.get(k))
      .join("");
    expect(text).not.toContain(ID);
    expect(text).not.toContain("110101200001011234");
    expect(box.pending.get("roster.r1.idcard")).toBe("110101200001011234");
  });
});
