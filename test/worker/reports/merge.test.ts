import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldsAt, mergeEdits, type FieldChange } from "../../../worker/reports/merge";

// History of one report: v1 set a=1,b=2; v2 set a=5; v3 cleared b and set c=7.
const SINCE_0: FieldChange[] = [
  { version: 1, cell: "a", old: null, new: "1" },
  { version: 1, cell: "b", old: null, new: "2" },
  { version: 2, cell: "a", old: "1", new: "5" },
  { version: 3, cell: "b", old: "2", new: null },
  { version: 3, cell: "c", old: null, new: "7" },
];
const CURRENT = { a: "5", c: "7" };
const since = (base: number) => SINCE_0.filter((c) => c.version > base);

describe("fieldsAt", () => {
  it("rebuilds any past version from the current one and the later changes", () => {
    expect(fieldsAt(CURRENT, since(0))).toEqual({});
    expect(fieldsAt(CURRENT, since(1))).toEqual({ a: "1", b: "2" });
    expect(fieldsAt(CURRENT, since(2))).toEqual({ a: "5", b: "2" });
    expect(fieldsAt(CURRENT, since(3))).toEqual(CURRENT);
  });
});

describe("mergeEdits", () => {
  it("applies edits of cells nobody else touched and reports what it took from others", () => {
    const r = mergeEdits(CURRENT, since(1), [{ key: "d", value: "9" }]);
    expect(r).toEqual({ ok: true, apply: [{ key: "d", old: null, new: "9" }], merged: ["a", "b", "c"] });
  });

  it("reports a conflict with base, theirs and mine", () => {
    const r = mergeEdits(CURRENT, since(1), [
      { key: "a", value: "6" },
      { key: "b", value: "3" },
    ]);
    expect(r).toEqual({
      ok: false,
      conflicts: [
        { cell: "a", base: "1", theirs: "5", mine: "6" },
        { cell: "b", base: "2", theirs: null, mine: "3" },
      ],
    });
  });

  it("is no conflict when both sides agree, or when the other side changed it back", () => {
    expect(mergeEdits(CURRENT, since(1), [{ key: "a", value: "5" }])).toMatchObject({ ok: true, apply: [] });
    const history: FieldChange[] = [
      { version: 2, cell: "x", old: "1", new: "2" },
      { version: 3, cell: "x", old: "2", new: "1" },
    ];
    expect(mergeEdits({ x: "1" }, history, [{ key: "x", value: "4" }])).toEqual({
      ok: true,
      apply: [{ key: "x", old: "1", new: "4" }],
      merged: [],
    });
  });

  it("keeps every edit of two clients that changed disjoint cells (property)", () => {
    const cell = fc.constantFrom("a", "b", "c", "d", "e", "f");
    const value = fc.option(fc.constantFrom("0", "1", "2.5", "10"), { nil: null });
    const edits = fc.uniqueArray(fc.record({ key: cell, value }), { selector: (e) => e.key, maxLength: 6 });
    fc.assert(
      fc.property(edits, edits, (mine, theirs) => {
        const theirKeys = new Set(theirs.map((e) => e.key));
        const disjoint = mine.filter((e) => !theirKeys.has(e.key));
        // "theirs" were saved first on top of an empty base (version 0 → 1).
        const current: Record<string, string> = {};
        const history: FieldChange[] = [];
        for (const e of theirs) {
          if (e.value !== null) {
            current[e.key] = e.value;
            history.push({ version: 1, cell: e.key, old: null, new: e.value });
          }
        }
        const r = mergeEdits(current, history, disjoint);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const after = { ...current };
        for (const a of r.apply) {
          if (a.new === null) delete after[a.key];
          else after[a.key] = a.new;
        }
        for (const e of disjoint) expect(after[e.key] ?? null).toBe(e.value);
        for (const [k, v] of Object.entries(current)) expect(after[k]).toBe(v);
      }),
    );
  });
});
