/**
 * Writes planned as blocks of adjacent cells, and batches that stay under the
 * payload budget (Excel on the web refuses a request over 5 MB).
 */
import { describe, expect, it } from "vitest";
import { batchesUnder, valueBlocks, type CellWrite } from "../../../addin/sheet/value-blocks";
import { gridBytes, PAYLOAD_BUDGET } from "../../../addin/sheet/payload";

const cells = (rows: number, cols: number, first = { row: 5, col: 1 }, value = "x"): CellWrite[] =>
  Array.from({ length: rows * cols }, (_, i) => ({
    row: first.row + Math.floor(i / cols),
    col: first.col + (i % cols),
    value,
  }));

describe("valueBlocks", () => {
  it("writes a whole roster as one rectangle, in any order", () => {
    const writes = cells(1200, 14).reverse();
    const blocks = valueBlocks(writes);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ top: 5, left: 1, bottom: 1204, right: 14 });
    expect(blocks[0]?.values).toHaveLength(1200);
    expect(blocks[0]?.values[0]).toHaveLength(14);
  });

  it("never covers a cell it was not asked to write", () => {
    // C5, C6, C7 in a column; D9 alone; E9 next to it; A12:B13 a square with B13 missing.
    const writes: CellWrite[] = [
      { row: 5, col: 3, value: 1 },
      { row: 6, col: 3, value: 2 },
      { row: 7, col: 3, value: "" },
      { row: 9, col: 4, value: "a" },
      { row: 9, col: 5, value: "b" },
      { row: 12, col: 1, value: "p" },
      { row: 12, col: 2, value: "q" },
      { row: 13, col: 1, value: "r" },
    ];
    const blocks = valueBlocks(writes);
    const covered = blocks.flatMap((b) =>
      b.values.flatMap((line, i) => line.map((v, j) => `${b.top + i},${b.left + j}=${v}`)),
    );
    expect(covered.sort()).toEqual(writes.map((w) => `${w.row},${w.col}=${w.value}`).sort());
    expect(blocks.map((b) => b.address)).toEqual(["C5:C7", "D9:E9", "A12:B12", "A13"]);
  });

  it("keeps each value as given: text stays text, a '@' cell's = stays unprefixed", () => {
    const blocks = valueBlocks([
      { row: 3, col: 3, value: "=1+1" },
      { row: 3, col: 4, value: "0012" },
      { row: 3, col: 5, value: 12.5 },
    ]);
    expect(blocks[0]?.values).toEqual([["=1+1", "0012", 12.5]]);
  });

  it("the last write of a cell wins", () => {
    const blocks = valueBlocks([
      { row: 1, col: 1, value: "old" },
      { row: 1, col: 1, value: "new" },
    ]);
    expect(blocks).toEqual([{ top: 1, left: 1, bottom: 1, right: 1, address: "A1", values: [["new"]] }]);
  });
});

describe("batchesUnder", () => {
  it("keeps an ordinary form's writes in one batch", () => {
    const batches = batchesUnder(valueBlocks(cells(40, 1, { row: 5, col: 3 }, "12")), PAYLOAD_BUDGET);
    expect(batches).toHaveLength(1);
  });

  it("splits a block by rows so every batch stays under the budget, losing nothing", () => {
    const text = "屯溪区实验小学屯溪区实验小学"; // 14 CJK characters: 42 bytes in UTF-8
    const writes = cells(20_000, 14, { row: 5, col: 1 }, text);
    const blocks = valueBlocks(writes);
    expect(gridBytes(blocks[0]?.values ?? [])).toBeGreaterThan(5 * 1024 * 1024);
    const batches = batchesUnder(blocks, PAYLOAD_BUDGET);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      expect(batch.reduce((n, b) => n + gridBytes(b.values), 0)).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    }
    const rows = batches.flat().reduce((n, b) => n + b.values.length, 0);
    expect(rows).toBe(20_000);
    const tops = batches.flat().map((b) => b.top);
    expect(tops[0]).toBe(5);
    expect(new Set(tops).size).toBe(tops.length);
  });

  it("packs small blocks together", () => {
    const writes = Array.from({ length: 300 }, (_, i) => ({ row: 5 + 2 * i, col: 3, value: i }));
    const batches = batchesUnder(valueBlocks(writes), PAYLOAD_BUDGET);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(300);
  });
});

describe("gridBytes", () => {
  it("counts UTF-8 bytes of the JSON Office.js sends, never fewer", () => {
    const grid = [
      ["屯溪", 12.5, ""],
      ['a"b', "x", -1],
    ];
    const actual = new TextEncoder().encode(JSON.stringify(grid)).length;
    expect(gridBytes(grid)).toBeGreaterThanOrEqual(actual);
    expect(gridBytes(grid)).toBeLessThanOrEqual(actual + 8);
  });
});
