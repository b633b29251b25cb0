/**
 * Finding a roster's columns in any spreadsheet a clerk already has (学生姓名,
 * 身份证号 … in any order, with columns of its own beside them): which row is the
 * header, which column holds which of the roster's columns, and which are
 * ignored. Pure, so the add-in can map a pasted table by the same rule.
 *
 * A header cell names a column when, folded, it equals the column's label or its
 * key (`idno`). Folding trims, maps full-width forms to half-width (NFKC:
 * `（Ａ）` → `(A)`), drops every space inside (`学生 姓名`, a line break in a
 * wrapped header) and ignores case. Nothing fuzzier: the template language has
 * no aliases, and a guessed 身份证号码 ≈ 身份证号 is exactly the kind of silent
 * misreading an import must not do.
 */
import type { Column } from "./template";

/** Clerks put a title, a unit and a date above the table; the header is within these rows. */
export const HEADER_SEARCH_ROWS = 20;

/** One row of the top of a sheet: the text of each cell by column (0 = A); blank cells are "". */
export type HeaderRow = readonly string[];

export interface MappedColumn {
  key: string;
  /** The roster column's label. */
  label: string;
  /** 0-based column of the file. */
  col: number;
  /** The header cell as the file has it. */
  header: string;
}

export interface IgnoredColumn {
  col: number;
  header: string;
}

export type HeaderMatch =
  | {
      ok: true;
      /** 0-based row of the header in the rows searched. */
      row: number;
      columns: MappedColumn[];
      ignored: IgnoredColumn[];
      /** Roster columns the file does not have (none of them required). */
      absent: Pick<Column, "key" | "label">[];
    }
  | {
      ok: false;
      reason: "missing";
      /** The row that came closest (most columns named), if any named one. */
      row?: number;
      /** Required columns (labels) that row lacks; every required column when no row named any. */
      missing: string[];
    }
  | {
      ok: false;
      reason: "duplicate";
      row: number;
      /** The roster column named twice, and the 0-based file columns naming it. */
      label: string;
      cols: number[];
    };

const SPACES = /\s+/gu;

export function foldLabel(text: string): string {
  return text.normalize("NFKC").replace(SPACES, "").toLowerCase();
}

/** Folded label and key → the column, built once per column list. */
function namesOf(columns: readonly Column[]): Map<string, Column> {
  const names = new Map<string, Column>();
  // Labels first: a key never shadows another column's label.
  for (const c of columns) names.set(foldLabel(c.label), c);
  for (const c of columns) if (!names.has(foldLabel(c.key))) names.set(foldLabel(c.key), c);
  return names;
}

interface RowReading {
  row: number;
  named: Map<string, number[]>;
}

function readRow(row: number, cells: HeaderRow, names: Map<string, Column>): RowReading {
  const named = new Map<string, number[]>();
  cells.forEach((text, col) => {
    const c = text === "" ? undefined : names.get(foldLabel(text));
    if (c) named.set(c.key, [...(named.get(c.key) ?? []), col]);
  });
  return { row, named };
}

/**
 * The first of `rows` (the top of a sheet) that names every required column
 * (or, when none is required, at least one column), mapped; or why none does.
 */
export function findRosterHeader(rows: readonly HeaderRow[], columns: readonly Column[]): HeaderMatch {
  const names = namesOf(columns);
  const required = columns.filter((c) => c.required);
  let best: RowReading | undefined;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const cells = rows[r] ?? [];
    const reading = readRow(r, cells, names);
    if (reading.named.size > (best?.named.size ?? 0)) best = reading;
    const complete = required.length > 0 ? required.every((c) => reading.named.has(c.key)) : reading.named.size > 0;
    if (complete) return mapped(reading, cells, columns);
  }
  const wanted = required.length > 0 ? required : columns;
  if (!best) return { ok: false, reason: "missing", missing: wanted.map((c) => c.label) };
  const named = best.named;
  return {
    ok: false,
    reason: "missing",
    row: best.row,
    missing: wanted.filter((c) => !named.has(c.key)).map((c) => c.label),
  };
}

function mapped(reading: RowReading, cells: HeaderRow, columns: readonly Column[]): HeaderMatch {
  const out: MappedColumn[] = [];
  const absent: Pick<Column, "key" | "label">[] = [];
  const taken = new Set<number>();
  for (const c of columns) {
    const cols = reading.named.get(c.key);
    if (!cols) {
      absent.push({ key: c.key, label: c.label });
      continue;
    }
    // Two columns both headed 身份证号: taking either could import the wrong one.
    if (cols.length > 1) return { ok: false, reason: "duplicate", row: reading.row, label: c.label, cols };
    const col = cols[0] as number;
    taken.add(col);
    out.push({ key: c.key, label: c.label, col, header: cells[col] as string });
  }
  const ignored: IgnoredColumn[] = [];
  cells.forEach((header, col) => {
    if (header.trim() !== "" && !taken.has(col)) ignored.push({ col, header });
  });
  return { ok: true, row: reading.row, columns: out, ignored, absent };
}
