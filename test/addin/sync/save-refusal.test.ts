/** The table of what a refused save means (addin/sync/save-refusal.ts); the engine tests cover carrying it out. */
import { describe, expect, it } from "vitest";
import type { ApiFailure } from "../../../addin/sync/api-result";
import type { Batch } from "../../../addin/sync/outbox";
import { saveRefusal } from "../../../addin/sync/save-refusal";

const batch: Batch = {
  key: "k1",
  body: {
    baseVersion: 3,
    changes: [
      { cell: "a1", value: "1" },
      { cell: "a2", value: "x" },
    ],
    explanations: { w1: "说明" },
  },
};
const http = (status: number, code: string, details?: unknown): ApiFailure => ({
  ok: false,
  offline: false,
  status,
  code,
  message: code,
  details,
});

describe("saveRefusal", () => {
  it("offline: wait with the batch kept as it is", () => {
    expect(saveRefusal({ ok: false, offline: true, message: "" }, batch)).toEqual({ kind: "fail" });
  });

  it("409/412: redo against the current report, with the conflicts the server named", () => {
    const conflict = { cell: "a1", base: null, theirs: "2", mine: "1" };
    expect(saveRefusal(http(409, "edit_conflict", { conflicts: [conflict] }), batch)).toEqual({
      kind: "rebase",
      conflicts: [conflict],
    });
    expect(saveRefusal(http(412, "precondition_failed", { version: 5 }), batch)).toEqual({
      kind: "rebase",
      conflicts: [],
    });
  });

  it("422 invalid_cells: the refused cells of this batch, with the values sent; none known → fail", () => {
    const details = {
      cells: [
        { cell: "a2", code: "not_a_number", message: "不是数字" },
        { cell: "zz", code: "x", message: "x" },
      ],
    };
    expect(saveRefusal(http(422, "invalid_cells", details), batch)).toEqual({
      kind: "reject",
      cells: [{ cell: "a2", code: "not_a_number", message: "不是数字", value: "x" }],
    });
    expect(saveRefusal(http(422, "invalid_cells", {}), batch)).toEqual({ kind: "fail" });
  });

  it("413: half the fields per save, until one field is too large", () => {
    expect(saveRefusal(http(413, "payload_too_large"), batch)).toEqual({ kind: "shrink", maxBatch: 2 });
    const one: Batch = { key: "k2", body: { baseVersion: 3, changes: [{ cell: "a1", value: "1" }], explanations: {} } };
    expect(saveRefusal(http(413, "payload_too_large"), one)).toEqual({ kind: "fail" });
  });

  it("other answers: a 4xx but 401 and 429 wrote nothing, so the edits go back to the queue", () => {
    expect(saveRefusal(http(403, "forbidden"), batch)).toEqual({ kind: "fail", requeue: true });
    expect(saveRefusal(http(401, "unauthorized"), batch)).toEqual({ kind: "fail", requeue: false });
    expect(saveRefusal(http(429, "too_many_requests"), batch)).toEqual({ kind: "fail", requeue: false });
    expect(saveRefusal(http(503, "unavailable"), batch)).toEqual({ kind: "fail", requeue: false });
  });
});
