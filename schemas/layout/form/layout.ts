/**
 * Template → sheet layout (pure, no Office): where every cell key lives, the
 * static text around it, and the rules Excel enforces by itself.
 *
 *   A 序号 | B 项目 (label as printed, 其中 lines indented) | C 数值 | D 单位
 *
 * Grids put their columns in C…, rosters (名册) become an Excel table from
 * column A. Both `FormWorkbook` implementations render the same layout.
 *
 * The sheet is laid out top to bottom on one `SheetDraft`: the header
 * (header.ts), then each section (items.ts, grid.ts, roster.ts); the 其中 sum
 * rules (sum-rules.ts) are compiled last, when every cell has its address.
 */
import type { Template } from "../../template";
import { placeGrid } from "./grid";
import { placeHeader } from "./header";
import { placeItems } from "./items";
import type { RosterLayout, SheetLayout } from "./layout-types";
import { placeRoster } from "./roster";
import { SheetDraft } from "./sheet-draft";
import { compileSumRules } from "./sum-rules";

export * from "./layout-types";
export { DEFAULT_ROSTER_ROWS, rosterRowId } from "./roster";

export interface LayoutOptions {
  /** 填报单位, from the token; written into the locked header cell. */
  unitName?: string;
  sheetName?: string;
  /**
   * Rows prepared for each roster (one number for all, or by section key; 50
   * when not given). Excel cannot grow a table on a protected sheet by itself,
   * so the rows exist up front and the add-in adds more (roster-rows.ts).
   */
  rosterRows?: number | Readonly<Record<string, number>>;
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ . */
export function sheetNameOf(template: Template): string {
  const name = [template.attachment, template.title]
    .filter(Boolean)
    .join(" ")
    .replace(/[[\]:*?/\\]/g, "")
    .replace(/^'+|'+$/g, "")
    .trim();
  return Array.from(name).slice(0, 31).join("") || template.id.slice(0, 31);
}

function columnsNeeded(template: Template): number {
  let n = 4;
  for (const s of template.sections) {
    if (s.kind === "grid") n = Math.max(n, s.columns.length + 3);
    if (s.kind === "roster") n = Math.max(n, s.columns.length);
  }
  return n;
}

export function buildLayout(template: Template, options: LayoutOptions = {}): SheetLayout {
  const columns = columnsNeeded(template);
  const draft = new SheetDraft(
    columns,
    template.sections.some((s) => s.kind !== "roster"),
  );
  const rosters: RosterLayout[] = [];
  const sheet = options.sheetName ?? sheetNameOf(template);

  let row = placeHeader(draft, template, options.unitName);
  for (const section of template.sections) {
    row++;
    if (section.kind === "items") row = placeItems(draft, section, row);
    else if (section.kind === "grid") row = placeGrid(draft, section, row);
    else {
      const asked = typeof options.rosterRows === "number" ? options.rosterRows : options.rosterRows?.[section.key];
      const placed = placeRoster(draft, sheet, section, row, asked);
      rosters.push(placed.roster);
      row = placed.next;
    }
  }

  const sumRules = compileSumRules(template, draft.addressOf, draft.specAt);
  draft.validations.checkSums(sumRules, draft.specAt);

  return {
    sheet,
    templateId: template.id,
    templateVersion: template.version,
    title: template.title,
    rows: row - 1,
    columns,
    columnWidths: draft.widths,
    texts: draft.texts,
    merges: draft.merges,
    cells: draft.cells,
    rosters,
    validations: draft.validations.blocks,
    sumRules,
    hiddenSources: draft.validations.hiddenSources,
  };
}

/** A layout for reading a report, not typing it: every cell locked, no data validation (consolidated totals, a drilled unit). */
export function readOnlyLayout(layout: SheetLayout): SheetLayout {
  return {
    ...layout,
    cells: layout.cells.map((c) => ({ ...c, locked: true })),
    rosters: layout.rosters.map((l) => ({ ...l, readOnly: true })),
    validations: [],
    hiddenSources: [],
  };
}
