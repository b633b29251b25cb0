/**
 * The consolidated sheet (节点汇总): the official form layout of
 * `buildLayout()`, read-only, filled with the node's totals; the rules re-run
 * on the totals mark cells as on the filler's sheet, and every 上报说明 is a
 * note on its cell naming the unit, and a line in a list below the form.
 */
import { a1, parseCell, rangeAddress } from "../address";
import { buildLayout, readOnlyLayout, sheetNameOf } from "../form/layout";
import type { CellKey, SheetLayout } from "../form/layout-types";
import { mergeMarks, type CellMark, type MarkSeverity } from "../form/marks";
import type { Problem } from "../../problem";
import type { Template } from "../../template";
import type { WriteBlock } from "../write-block";
import { duplicateLines } from "./duplicates-list";
import { excelValue } from "./excel-value";
import { rosterRowsNeeded, withRoomFor, withUnitColumn } from "./consolidated-roster";
import type { ExplanationNote, OfficerRoster, OfficerView } from "./view";

export interface ConsolidatedOptions {
  sheetName?: string;
  /** The submitted roster rows; without them every roster is one blank row. */
  rosters?: readonly OfficerRoster[];
}

/**
 * The filler's layout, locked and without data validation (nothing here is
 * typed), with room for every submitted roster row and a 填报单位 column.
 */
export function consolidatedLayout(
  template: Template,
  nodeName: string,
  options: ConsolidatedOptions = {},
): SheetLayout {
  const rosterRows = rosterRowsNeeded(options.rosters ?? []);
  return withUnitColumn(
    readOnlyLayout(
      buildLayout(withRoomFor(template, rosterRows), {
        unitName: `${nodeName}（汇总）`,
        sheetName: options.sheetName ?? consolidatedSheetName(template),
        rosterRows: { ...Object.fromEntries(template.sections.map((s) => [s.key, 1])), ...rosterRows },
      }),
    ),
  );
}

/** 汇总 + the form's own sheet name, within Excel's 31 characters. */
export function consolidatedSheetName(template: Template): string {
  return Array.from(`汇总 ${sheetNameOf(template)}`)
    .slice(0, 31)
    .join("");
}

/** Problems found on the totals → marks, as the filler's pane makes them. */
export function problemMarks(problems: readonly Problem[]): CellMark[] {
  return problems.flatMap((p) => p.cells.slice(0, 1).map((cell) => ({ cell, severity: p.severity, note: p.message })));
}

/** One note per cell: the rule marks first (as on the filler's sheet), then each unit's 上报说明. */
export interface CellNote {
  key: CellKey;
  address: string;
  /** Fill colour of a mark; null for a cell that only carries 上报说明. */
  severity: MarkSeverity | null;
  text: string;
}

/** Excel notes are plain text; keep them readable (and well under Excel's 32,767 characters). */
export const NOTE_MAX_CHARS = 4000;

export function cellNotes(
  layout: SheetLayout,
  marks: readonly CellMark[],
  notes: readonly ExplanationNote[],
  problems: readonly Problem[] = [],
): CellNote[] {
  const address = new Map(layout.cells.map((c) => [c.key, c.address]));
  const byKey = new Map<CellKey, CellNote>();
  for (const m of mergeMarks(marks)) {
    const at = address.get(m.cell);
    if (at) byKey.set(m.cell, { key: m.cell, address: at, severity: m.severity, text: m.note });
  }
  const problemCells = new Map(problems.map((p) => [p.id, p.cells]));
  for (const n of notes) {
    const key = noteCell(n, problemCells, address);
    if (!key) continue;
    const line = `【上报说明】${n.unitName}：${n.text}`;
    const prior = byKey.get(key);
    if (prior) prior.text = `${prior.text}\n${line}`;
    else byKey.set(key, { key, address: address.get(key) as string, severity: null, text: line });
  }
  for (const n of byKey.values()) {
    if (n.text.length > NOTE_MAX_CHARS) n.text = `${n.text.slice(0, NOTE_MAX_CHARS - 20)}\n……（其余见表下上报说明）`;
  }
  return [...byKey.values()];
}

function noteCell(
  n: ExplanationNote,
  problemCells: Map<string, string[]>,
  address: Map<string, string>,
): CellKey | undefined {
  const candidates = [...(n.cells ?? []), ...(problemCells.get(n.problemId) ?? [])];
  return candidates.find((k) => address.has(k));
}

/**
 * Totals as writes: value cells grouped into vertical runs of neighbouring
 * cells, one block each. Runs never span a label, so a write cannot erase
 * the form. `only` limits the writes to some cells (a refresh).
 */
export function totalBlocks(
  layout: SheetLayout,
  totals: Readonly<Record<string, string>>,
  only?: ReadonlySet<CellKey>,
): WriteBlock[] {
  const cells = layout.cells
    .filter((c) => c.kind !== "header" && (!only || only.has(c.key)))
    .map((c) => ({ ...parseCell(c.address), value: excelValue(totals[c.key], c.valueType) }))
    .sort((x, y) => x.col - y.col || x.row - y.row);
  const blocks: WriteBlock[] = [];
  let run: { top: number; bottom: number; col: number; values: (string | number)[][] } | undefined;
  const flush = () => {
    if (!run) return;
    const pos = { top: run.top, bottom: run.bottom, left: run.col, right: run.col };
    blocks.push({ ...pos, address: rangeAddress(pos), values: run.values });
  };
  for (const c of cells) {
    if (run && c.col === run.col && c.row === run.bottom + 1) {
      run.bottom = c.row;
      run.values.push([c.value]);
    } else {
      flush();
      run = { top: c.row, bottom: c.row, col: c.col, values: [[c.value]] };
    }
  }
  flush();
  return blocks;
}

/**
 * Lines the list below the form is drawn with room for: a live refresh writes
 * new 上报说明 into them (unlocked, already formatted), and only a list longer
 * than this draws the sheet again.
 */
export const EXPLANATION_ROOM = 500;

/** The 上报说明 list below the form: a title row, a header row and one row per note (A 序号, B 单位：说明, C 所在项目). */
export interface ExplanationList {
  top: number;
  /** Rows reserved: a refresh that has fewer notes clears the rest. */
  rows: (string | number)[][];
}

export function explanationList(
  layout: SheetLayout,
  notes: readonly ExplanationNote[],
  problems: readonly Problem[] = [],
): ExplanationList {
  const where = new Map(layout.cells.map((c) => [c.key, c.where]));
  const problemCells = new Map(problems.map((p) => [p.id, p.cells]));
  const address = new Map(layout.cells.map((c) => [c.key, c.address]));
  const rows: (string | number)[][] = [
    [`上报说明（${notes.length} 条）`, "", "", ""],
    ["序号", "单位：说明", "所在项目", "所答提示"],
    ...notes.map((n, i) => {
      const key = noteCell(n, problemCells, address);
      const answers = n.message ?? (n.message === null ? "（该提示已不再出现）" : "");
      return [
        i + 1,
        `${n.unitName}：${n.text}`,
        key ? `${where.get(key) ?? key}（${n.problemId}）` : n.problemId,
        answers,
      ];
    }),
  ];
  return { top: layout.rows + 2, rows };
}

/** The list as one block, padded with blanks to `minRows` so a shorter list clears the old lines. */
export function explanationBlock(list: ExplanationList, minRows = 0): WriteBlock {
  const rows = list.rows.map((r) => [...r]);
  while (rows.length < minRows) rows.push(["", "", "", ""]);
  const pos = { top: list.top, bottom: list.top + rows.length - 1, left: 1, right: 4 };
  return { ...pos, address: rangeAddress(pos), values: rows };
}

/** The list's title, header and every line it has room for (`EXPLANATION_ROOM`). */
export function explanationArea(list: ExplanationList): string {
  return rangeAddress({
    top: list.top,
    bottom: list.top + 1 + Math.max(EXPLANATION_ROOM, list.rows.length - 2),
    left: 1,
    right: 4,
  });
}

/** The address of the list's title cell, for styling. */
export function explanationTitle(list: ExplanationList): string {
  return a1(list.top, 1);
}

/** The consolidated sheet as drawn: the layout, the totals and roster rows in it, the marks and 上报说明 on its cells and below it. */
export interface ConsolidatedSheet {
  layout: SheetLayout;
  totals: Record<string, string>;
  /** Submitted roster rows, each with its unit (consolidated-roster.ts places them). */
  rosters: OfficerRoster[];
  marks: CellMark[];
  notes: ExplanationNote[];
  /** Derived from the above: what the sheet shows in notes and below the form. */
  cellNotes: CellNote[];
  list: ExplanationList;
}

export function consolidatedSheet(
  layout: SheetLayout,
  totals: Record<string, string>,
  marks: readonly CellMark[],
  notes: readonly ExplanationNote[],
  view?: Pick<OfficerView, "problems" | "rosters" | "duplicates" | "round">,
): ConsolidatedSheet {
  return {
    layout,
    totals,
    rosters: view?.rosters ?? [],
    marks: [...marks],
    notes: [...notes],
    cellNotes: cellNotes(layout, marks, notes, view?.problems),
    list: withDuplicates(explanationList(layout, notes, view?.problems), view),
  };
}

/** The 上报说明 list followed by the 跨单位重复 block (duplicates-list.ts), when there are any. */
function withDuplicates(
  list: ExplanationList,
  view: Pick<OfficerView, "rosters" | "duplicates" | "round"> | undefined,
): ExplanationList {
  if (!view?.duplicates?.length) return list;
  return { ...list, rows: [...list.rows, ...duplicateLines(view.duplicates, view)] };
}

/** The consolidated sheet's 最后更新 line sits right under the form's subtitle (row 3 is blank in every layout). */
export function consolidatedStampAddress(_layout: SheetLayout): string {
  return "A3";
}
