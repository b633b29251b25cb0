import { describe, expect, it } from "vitest";
import { type ChainEntry, GENESIS, entryHash } from "../../../worker/integrity/chain";

const ENTRY: ChainEntry = {
  reportId: 7,
  version: 2,
  at: "2024-03-01T08:00:00.000Z",
  tokenId: 3,
  actor: "屯溪区 填报员",
  role: "filler",
  action: "save",
  detail: "",
  cells: [
    { cell: "total", old: null, new: "100" },
    { cell: "roster.r1.name", old: "王小二", new: "王小三" },
  ],
};

/** The cell values enter as one digest of their list (bench/audit-chain.bench.ts): it must still see every value. */
describe("entryHash", () => {
  it("does not depend on the order the cell changes were read in", async () => {
    const reversed = { ...ENTRY, cells: [...ENTRY.cells].reverse() };
    expect(await entryHash(GENESIS, reversed)).toBe(await entryHash(GENESIS, ENTRY));
  });

  it("changes with every cell, old and new value, and keeps blank apart from empty text", async () => {
    const base = await entryHash(GENESIS, ENTRY);
    const variants: ChainEntry["cells"][] = [
      [{ cell: "total", old: "", new: "100" }, ENTRY.cells[1]!],
      [{ cell: "total", old: null, new: "101" }, ENTRY.cells[1]!],
      [ENTRY.cells[0]!, { cell: "roster.r1.name", old: "王小二", new: "王小四" }],
      [ENTRY.cells[0]!, { cell: "roster.r2.name", old: "王小二", new: "王小三" }],
      [ENTRY.cells[0]!],
    ];
    for (const cells of variants) expect(await entryHash(GENESIS, { ...ENTRY, cells })).not.toBe(base);
  });

  it("changes with the previous hash and with each entry column", async () => {
    const base = await entryHash(GENESIS, ENTRY);
    expect(await entryHash("a".repeat(64), ENTRY)).not.toBe(base);
    for (const change of [
      { version: 3 },
      { actor: "别人" },
      { tokenId: null },
      { detail: "x" },
      { action: "submit" },
    ]) {
      expect(await entryHash(GENESIS, { ...ENTRY, ...change })).not.toBe(base);
    }
  });
});
