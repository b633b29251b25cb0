import { describe, expect, it } from "vitest";
import { parseConflicts, parseInvalidCells, problemsOfDetails } from "../../../addin/sync/server-details";
import type { Batch } from "../../../addin/sync/outbox";
import { GRANT_PARTS, RAISED_DROP } from "../problems";

const batch: Batch = {
  key: "k",
  body: {
    baseVersion: 3,
    changes: [
      { cell: "a", value: "x" },
      { cell: "b", value: 2 },
    ],
    explanations: { w1: "说明" },
  },
};

describe("details of 409/422 answers", () => {
  it("reads the conflicts of a 409 edit_conflict, and only their fields", () => {
    const c = { cell: "a", base: null, theirs: "2", mine: "3" };
    expect(parseConflicts({ conflicts: [{ ...c, extra: 1 }] })).toEqual([c]);
  });

  it("treats details it does not recognise as no details", () => {
    for (const d of [
      undefined,
      null,
      "x",
      [],
      {},
      { conflicts: {} },
      { conflicts: [{ cell: "a", base: 1, theirs: null, mine: null }] },
    ]) {
      expect(parseConflicts(d)).toEqual([]);
    }
    for (const d of [undefined, null, {}, { cells: "a" }, { cells: [{ cell: "a", code: "x" }] }]) {
      expect(parseInvalidCells(d, batch)).toEqual([]);
    }
  });

  it("pairs each refused cell of a 422 invalid_cells with the value sent, ignoring cells not in the batch", () => {
    const details = {
      cells: [
        { cell: "a", code: "invalid_value", message: "a 无法识别" },
        { cell: "z", code: "invalid_value", message: "not ours" },
        { cell: "note:w1", code: "too_long", message: "说明过长", hint: "ignored" },
      ],
    };
    expect(parseInvalidCells(details, batch)).toEqual([
      { cell: "a", code: "invalid_value", message: "a 无法识别", value: "x" },
      { cell: "note:w1", code: "too_long", message: "说明过长", value: "说明" },
    ]);
  });

  it("reads the problems of a refused submit, ignores anything else", () => {
    const parts = GRANT_PARTS;
    const drop = RAISED_DROP;
    expect(problemsOfDetails({ problems: [parts, drop] })).toEqual([parts, drop]);
    expect(problemsOfDetails({ conflicts: [] })).toEqual([]);
    expect(problemsOfDetails(undefined)).toEqual([]);
  });
});
