/**
 * One officer sheet of the preview as data — values, texts, marks, notes,
 * charts — and what Excel would compute on it by itself (合计 and 占比
 * formulas, conditional formats), so the grid shows what Excel would.
 */
import { a1, parseRange } from "../../schemas/layout/address";
import type { TextStyle } from "../../schemas/layout/form/layout-types";
import type { ChartSpec } from "../../schemas/layout/officer/charts";
import { matrixOutliers, type MatrixLayout } from "../../schemas/layout/officer/matrix-sheet";
import type { StatusLayout } from "../../schemas/layout/officer/status-sheet";
import { STATUS_LABEL } from "../../schemas/status";
import type { MarkSeverity } from "../sheet/form-workbook";

export type Stored = string | number;

export interface OfficerSheetModel {
  kind: "status" | "matrix" | "consolidated";
  name: string;
  rows: number;
  columns: number;
  widths: number[];
  texts: Map<string, { text: string; style: TextStyle; indent: number }>;
  values: Map<string, Stored>;
  formats: Map<string, string>;
  marks: Map<string, { severity: MarkSeverity; note: string }>;
  /** 上报说明 and rule notes by address, as Excel notes. */
  notes: Map<string, string>;
  merges: string[];
  /** As Excel got them; their data is read off the sheet when drawn, so refreshes show in them. */
  charts: ChartSpec[];
  status?: StatusLayout;
  matrix?: MatrixLayout;
}

export function blank(kind: OfficerSheetModel["kind"], name: string, rows: number, columns: number): OfficerSheetModel {
  return {
    kind,
    name,
    rows,
    columns,
    widths: [],
    texts: new Map(),
    values: new Map(),
    formats: new Map(),
    marks: new Map(),
    notes: new Map(),
    merges: [],
    charts: [],
  };
}

/** Writes a block of values; a cell drawn as text (the 上报说明 list's title) takes the new text. */
export function write(m: OfficerSheetModel, top: number, left: number, block: readonly (readonly Stored[])[]): void {
  block.forEach((line, r) =>
    line.forEach((v, c) => {
      const address = a1(top + r, left + c);
      const text = m.texts.get(address);
      if (text && v !== "") text.text = String(v);
      else if (text) m.texts.delete(address);
      else if (v === "") m.values.delete(address);
      else m.values.set(address, v);
    }),
  );
}

/** What Excel computes itself: 合计 and 占比 formulas, conditional formats. */
export function derive(m: OfficerSheetModel): void {
  if (m.kind === "status" && m.status) {
    const s = m.status;
    for (let i = 0; i < s.units.length; i++) {
      const r = s.firstRow + i;
      m.marks.delete(a1(r, 2));
      m.marks.delete(a1(r, 4));
      if (m.values.get(a1(r, 4)) === "是") m.marks.set(a1(r, 4), { severity: "error", note: "逾期" });
      if (m.values.get(a1(r, 2)) === STATUS_LABEL.returned)
        m.marks.set(a1(r, 2), { severity: "warning", note: `${STATUS_LABEL.returned}，待重新上报` });
    }
  }
  if (m.kind === "matrix" && m.matrix) {
    const x = m.matrix;
    const grid = x.rows.map((_, i) =>
      x.units.map((__, u) => {
        const v = m.values.get(a1(x.firstRow + i, x.firstUnitCol + u));
        return typeof v === "number" ? v : null;
      }),
    );
    x.rows.forEach((_, i) => {
      const r = x.firstRow + i;
      const line = grid[i] ?? [];
      const total = line.reduce<number>((s, v) => s + (v ?? 0), 0);
      m.values.set(a1(r, x.totalCol), roundTo(total, 10));
      if (x.shareCol !== undefined) {
        line.forEach((v, u) => {
          const address = a1(r, (x.shareCol as number) + u);
          m.formats.set(address, "0.0%");
          if (total === 0 || v === null) m.values.delete(address);
          else m.values.set(address, `${((v / total) * 100).toFixed(1)}%`);
        });
      }
    });
    for (const [address, mark] of [...m.marks]) if (mark.note.startsWith("与同项")) m.marks.delete(address);
    const rule = x.conditionalFormats[0];
    for (const o of matrixOutliers({ ...x, values: grid })) {
      m.marks.set(a1(x.firstRow + o.row, x.firstUnitCol + o.unit), {
        severity: "warning",
        note: rule?.meaning ?? "离群值",
      });
    }
  }
}

export function cellsOf(range: string): string[] {
  const r = parseRange(range);
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(a1(row, col));
  return out;
}

function roundTo(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
