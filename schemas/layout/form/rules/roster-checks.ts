/**
 * A roster's row rules, checked on every prepared row of its table. The
 * working cells sit on the 校验结果 sheet in the same rows as the roster's rows
 * (one block of columns per roster): whether the row has data (the engine
 * checks only rows that exist: any cell filled), the row's cells as the engine
 * reads them, and per rule its state and message. The form gets one column
 * right of the table, 校验结果, with the messages of the row's broken rules —
 * the column right after the form, before the hidden option columns
 * (validation-blocks.ts puts those from layout.columns + 2). Rows the add-in
 * would add beyond the prepared ones are checked on upload.
 */
import type { CompiledRule, CompiledTemplate, RosterInfo } from "../../../compile";
import { columnLetter } from "../../address";
import type { RosterLayout, SheetLayout } from "../layout-types";
import type { CheckCell, CheckFormat } from "./check-types";
import { readFormula, readKind, READ_LIMIT } from "./cell-reads";
import { sheetPrefix } from "./excel-text";
import { NotCompiled, REL, type FormulaEnv, type Operand } from "./operand";
import type { Shown } from "./message-formula";
import { requiredInRow } from "./required-checks";
import { expandRows } from "./row-ranges";
import { ruleFormulas } from "./rule-formulas";
import type { TemplateReads } from "./template-reads";

/** Stands for the row number in formulas written once for every row. */
const ROW = "\uE000";

export type RowRuleLine =
  | { rule: CompiledRule; compiled: true; states: string; messages: string; firstRow: number }
  | { rule: CompiledRule; compiled: false; reason: string };

/** The roster's required cells: per row how many are blank (`counts`) and 0 where any is (`states`). */
export interface RequiredRows {
  id: string;
  counts: string;
  states: string;
  firstRow: number;
}

export interface RosterChecks {
  cells: CheckCell[];
  formCells: CheckCell[];
  formats: CheckFormat[];
  lines: RowRuleLine[];
  required?: RequiredRows;
  /** The first column right of this roster's block. */
  next: number;
}

export function rosterChecks(
  compiled: CompiledTemplate,
  layout: SheetLayout,
  roster: RosterInfo,
  table: RosterLayout,
  reads: TemplateReads,
  sources: Map<string, string>,
  checkSheet: string,
  start: number,
  shared: boolean,
): RosterChecks {
  const form = sheetPrefix(layout.sheet);
  const check = sheetPrefix(checkSheet);
  const rows = Array.from({ length: table.rowCount }, (_, i) => table.firstRow + i);
  const perRow: { col: number; formula: string }[] = [];
  const headers: { col: number; text: string }[] = [];
  let next = start;
  const column = (text: string, formula: string): number => {
    const col = next++;
    headers.push({ col, text });
    perRow.push({ col, formula });
    return col;
  };
  const cellOf = (col: number) => `$${columnLetter(col)}${ROW}`;

  const first = columnLetter(table.left + 1);
  const last = columnLetter(table.right);
  const filled = cellOf(column("有数据", `IF(COUNTA(${form}$${first}${ROW}:$${last}${ROW})>0,1,0)`));

  const helperOf = new Map<string, number>();
  const rowColumn = (key: string): { op: Operand; shown: Shown; col: number } => {
    const c = roster.columnByKey.get(key);
    const placed = table.columns.find((x) => x.key === key);
    if (!c || !placed) throw new NotCompiled(`未知列 ${key}`);
    const kind = readKind(c.spec);
    if (kind !== "number" && kind !== "enum" && kind !== "idcard" && kind !== "text") {
      throw new NotCompiled(`读取了${c.where}（${kind}），表格无法按系统的规则读取`);
    }
    const raw = `${form}$${columnLetter(placed.col)}${ROW}`;
    let col = helperOf.get(key);
    if (col === undefined) {
      col = column(c.label, readFormula(raw, c.spec, compiled.referenceDate));
      helperOf.set(key, col);
    }
    const f = cellOf(col);
    const scale = c.spec.kind === "money" || c.spec.kind === "decimal" ? c.spec.scale : 0;
    const op: Operand =
      kind === "number"
        ? { type: "number", f, nullable: true, scale, bound: READ_LIMIT, err: READ_LIMIT * REL }
        : { type: "string", f, ...(kind === "idcard" ? { idcard: true } : {}) };
    return { op, shown: { cell: f, scale: kind === "number" ? scale : undefined }, col: placed.col };
  };
  /** A name in a row rule: a column of this row (bare or roster.col), else a template cell. */
  const resolve = (path: readonly string[]) => {
    const [head, second] = path as [string, string | undefined];
    if (path.length === 1 && roster.columnByKey.has(head)) return rowColumn(head);
    if (compiled.rosterByKey.has(head)) {
      if (head === roster.key && path.length === 2) return rowColumn(second as string);
      throw new NotCompiled("读取了其他名册");
    }
    return undefined;
  };

  const cells: CheckCell[] = [];
  const formats: CheckFormat[] = [];
  const lines: RowRuleLine[] = [];
  const messageCols: number[] = [];
  for (const rule of roster.rowRules) {
    const before = next;
    const beforeHelpers = new Map(helperOf);
    const readCols = new Set<number>();
    let sideEntries: { col: number; formula: string }[] | undefined;
    const env: FormulaEnv = {
      ref: (path) => {
        const r = resolve(path);
        if (!r) return reads.operand(path);
        readCols.add(r.col);
        return r.op;
      },
      isRoster: (name) => compiled.rosterByKey.has(name),
      referenceDate: compiled.referenceDate,
    };
    try {
      const f = ruleFormulas(
        sources.get(rule.id) as string,
        rule.message,
        env,
        {
          name: (name) => resolve(name.split("."))?.shown ?? reads.shown(name.split(".")),
          column: (name) => (roster.columnByKey.has(name) ? rowColumn(name).shown : undefined),
        },
        () => {
          sideEntries = ["左", "右", "差"].map((what) => {
            column(`${rule.id} ${what}`, '""');
            return perRow[perRow.length - 1] as { col: number; formula: string };
          });
          const [left, right, diff] = sideEntries.map((p) => cellOf(p.col)) as [string, string, string];
          return { left, right, diff };
        },
      );
      if (f.sides && sideEntries) {
        const [l, r, d] = sideEntries as unknown as [{ formula: string }, { formula: string }, { formula: string }];
        l.formula = f.sides.left;
        r.formula = f.sides.right;
        d.formula = f.sides.diff ?? '""';
      }
      const state = column(`${rule.id} 状态`, `IF(${filled}=0,1,${f.state})`);
      const message = column(`${rule.id} 提示`, `IF(${cellOf(state)}=0,${f.message},"")`);
      messageCols.push(message);
      const range = (col: number) => `$${columnLetter(col)}$${rows[0]}:$${columnLetter(col)}$${rows[rows.length - 1]}`;
      lines.push({ rule, compiled: true, states: range(state), messages: range(message), firstRow: table.firstRow });
      for (const col of readCols) {
        const letter = columnLetter(col);
        formats.push({
          range: `${letter}${rows[0]}:${letter}${rows[rows.length - 1]}`,
          formula: `${check}$${columnLetter(state)}${table.firstRow}=0`,
          severity: rule.severity,
        });
      }
    } catch (e) {
      if (!(e instanceof NotCompiled)) throw e;
      // Drop the columns this rule had begun.
      next = before;
      const keep = <T extends { col: number }>(list: T[]) =>
        list.splice(0, list.length, ...list.filter((x) => x.col < before));
      keep(perRow);
      keep(headers);
      helperOf.clear();
      for (const [k, v] of beforeHelpers) helperOf.set(k, v);
      lines.push({ rule, compiled: false, reason: e.message });
    }
  }

  let required: RequiredRows | undefined;
  const missing = requiredInRow(roster, table, form, ROW);
  if (missing) {
    const count = column("必填未填", `IF(${filled}=0,0,${missing.count})`);
    const state = column("必填状态", `IF(${cellOf(count)}>0,0,1)`);
    const text = column("必填提示", `IF(${cellOf(count)}>0,"必填未填："&${missing.names},"")`);
    messageCols.unshift(text);
    const range = (col: number) => `$${columnLetter(col)}$${rows[0]}:$${columnLetter(col)}$${rows[rows.length - 1]}`;
    required = { id: `required:${roster.key}`, counts: range(count), states: range(state), firstRow: table.firstRow };
  }

  const parts = messageCols.map((c) => `IF(${cellOf(c)}="","",${cellOf(c)}&"；")`).join("&") || '""';
  const joined = cellOf(column("本行提示", parts));
  const summary = column("本行结果", `IF(${filled}=0,"",IF(${joined}="","",LEFT(${joined},LEN(${joined})-1)))`);

  const lastRow = rows[rows.length - 1] as number;
  /** One cell per row, or — `shared` — one per column standing for its rows (row-ranges.ts). */
  const place = (out: CheckCell[], col: number, formula: string) => {
    const letter = columnLetter(col);
    const first = formula.split(ROW).join(String(table.firstRow));
    if (shared) out.push({ address: `${letter}${table.firstRow}:${letter}${lastRow}`, formula: first, style: "label" });
    else
      out.push(
        ...expandRows({ address: `${letter}${table.firstRow}:${letter}${lastRow}`, formula: first, style: "label" }),
      );
  };
  for (const h of headers)
    cells.push({ address: `${columnLetter(h.col)}${table.headerRow}`, text: h.text, style: "columnHeader" });
  for (const p of perRow) place(cells, p.col, p.formula);
  const verdictCol = layout.columns + 1;
  const formCells: CheckCell[] = [
    { address: `${columnLetter(verdictCol)}${table.headerRow}`, text: "校验结果", style: "columnHeader" },
  ];
  place(formCells, verdictCol, `${check}$${columnLetter(summary)}${ROW}&""`);
  return { cells, formCells, formats, lines, required, next };
}
