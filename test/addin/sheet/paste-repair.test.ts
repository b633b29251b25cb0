/** What a paste broke: number formats, validation and fill that are not the layout's. */
import { describe, expect, it } from "vitest";
import { damagedPieces, pastePieces, validationType, type PasteSeen } from "../../../addin/sheet/paste-repair";
import { CellIndex } from "../../../schemas/layout/form/cell-index";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { COLORS } from "../../../schemas/layout/colors";
import { huangshanRoster } from "../../schemas/fixtures/templates";

const layout = buildLayout(huangshanRoster(), { rosterRows: 50 });
const index = new CellIndex(layout);
const roster = layout.rosters[0];
if (!roster) throw new Error("no roster");
// Rows 3–5 of the roster, all 14 columns: a block pasted from another workbook.
const box = { top: roster.firstRow + 2, left: 1, bottom: roster.firstRow + 4, right: 14 };

/** What Excel reports when nothing was damaged. */
function intact(): PasteSeen {
  const pieces = pastePieces(layout, box);
  return {
    box,
    numberFormats: [0, 1, 2].map(() => roster!.columns.map((c) => c.numberFormat)),
    pieces: pieces.map((piece) => ({ piece, type: validationType(piece.block), fill: "#eef5ff" })),
  };
}

describe("pastePieces", () => {
  it("cuts the changed area into one piece per roster column", () => {
    const pieces = pastePieces(layout, box);
    expect(pieces).toHaveLength(14);
    expect(pieces.map((p) => p.address)).toContain(`B${box.top}:B${box.bottom}`);
    expect(pieces.every((p) => p.top === box.top && p.bottom === box.bottom && p.left === p.right)).toBe(true);
  });
});

describe("damagedPieces", () => {
  it("finds nothing after typing or a paste of values only", () => {
    expect(damagedPieces(index, intact())).toEqual([]);
  });

  it("finds a number format a paste replaced: an 18-digit 身份证号 needs '@'", () => {
    const seen = intact();
    const idCol = roster.columns.find((c) => c.key === "idno")?.col ?? 0;
    (seen.numberFormats[1] as unknown[])[idCol - 1] = "General";
    expect(damagedPieces(index, seen).map((p) => p.left)).toEqual([idCol]);
  });

  it("finds validation a paste replaced or removed", () => {
    const seen = intact();
    const stage = seen.pieces.find((p) => p.piece.block.rule.type === "list");
    if (!stage) throw new Error("no list");
    stage.type = "MixedCriteria";
    expect(damagedPieces(index, seen)).toEqual([stage.piece]);
    stage.type = "None";
    expect(damagedPieces(index, seen)).toEqual([stage.piece]);
  });

  it("finds a fill a paste brought, or a mix of fills", () => {
    const seen = intact();
    const first = seen.pieces[0];
    if (!first) throw new Error("no piece");
    first.fill = "#FFFFFF";
    expect(damagedPieces(index, seen)).toEqual([first.piece]);
    first.fill = null;
    expect(damagedPieces(index, seen)).toEqual([first.piece]);
    first.fill = COLORS.input.toUpperCase();
    expect(damagedPieces(index, seen)).toEqual([]);
  });
});
