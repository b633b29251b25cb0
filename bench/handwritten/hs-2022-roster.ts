/** 黄山 附件2 金秋助学汇总表 (受助学生名册), checked by hand. See ./common.ts. */
import type { InputSpec } from "../../schemas/input";
import { parseInput } from "../../schemas/input";
import { compareRowIds } from "../../schemas/rows";
import type { RosterSection } from "../../schemas/template";
import {
  Cells,
  checkRequired,
  columnSpec,
  finish,
  fmt,
  MAX,
  parseCell,
  published,
  scaled,
  tableOf,
  type Problem,
} from "./common";

const TEMPLATE = published("hs-2022-roster");
const T = tableOf(TEMPLATE);
const ROSTER = TEMPLATE.sections.find((s): s is RosterSection => s.kind === "roster") as RosterSection;
const TITLE = ROSTER.title ?? "名册";
const REFERENCE = TEMPLATE.referenceDate ?? TEMPLATE.dueDate;
const REF_Y = Number(REFERENCE.slice(0, 4));
const REF_M = Number(REFERENCE.slice(5, 7));
const REF_D = Number(REFERENCE.slice(8, 10));

interface Col {
  index: number;
  key: string;
  label: string;
  spec: InputSpec;
  where: string;
}
const COLS: Col[] = ROSTER.columns.map((c, index) => ({
  index,
  key: c.key,
  label: c.label,
  spec: columnSpec(c, REFERENCE),
  where: `${TITLE}「${c.label}」`,
}));
const COL_BY_KEY = new Map(COLS.map((c) => [c.key, c]));
const col = (key: string) => (COL_BY_KEY.get(key) as Col).index;
const REQUIRED_MASK = ROSTER.columns.reduce((m, c, i) => (c.required ? m | (1 << i) : m), 0);

const IDNO = col("idno");
const STAGE = col("stage");
const FILED = col("filed");
const SOURCE = col("source");
const AMOUNT = col("amount");
const IDNO_BIT = 1 << IDNO;
const STAGE_BIT = 1 << STAGE;
const FILED_BIT = 1 << FILED;
const SOURCE_BIT = 1 << SOURCE;
const AMOUNT_BIT = 1 << AMOUNT;

const PROVINCIAL = "省总经费";
const UNFILED = "非建档";
const HIGHER = "普通高等教育（含高职、大专）";
const SPECIAL = "特殊教育（残疾儿童）";
/** Stage → [rule id, youngest, oldest] (whole years at the reference date). */
const AGES = new Map<string, [string, number, number]>([
  ["学前教育", ["age-preschool", 2, 7]],
  ["义务教育", ["age-compulsory", 5, 17]],
  ["高中阶段教育（含中等职业教育）", ["age-highschool", 13, 21]],
  [HIGHER, ["age-higher", 16, 30]],
  [SPECIAL, ["age-special", 3, 22]],
]);
/** 2000 元 and the 200–20000 元 warning band, in fen. */
const PROV_CAP = 200000;
const LOW = 20000;
const HIGH = 2000000;

/** One roster row: what the rules read, and bitmasks of non-blank and unreadable columns. */
class Row {
  seen = 0;
  bad = 0;
  idno: string | null = null;
  stage: string | null = null;
  filed: string | null = null;
  source: string | null = null;
  /** 助学金额 in fen. */
  amount = 0;
  constructor(readonly id: string) {}
}

/** `[A-Za-z0-9_-]{1,32}`, as the engine accepts row ids. */
function validRowId(s: string): boolean {
  if (s.length === 0 || s.length > 32) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45)) return false;
  }
  return true;
}

/** Whole years at the reference date from a checked 18-digit 身份证号. */
function age(idno: string): number {
  const d = (i: number) => idno.charCodeAt(i) - 48;
  const y = d(6) * 1000 + d(7) * 100 + d(8) * 10 + d(9);
  const m = d(10) * 10 + d(11);
  const day = d(12) * 10 + d(13);
  return REF_Y - y - (REF_M > m || (REF_M === m && REF_D >= day) ? 0 : 1);
}

function rowProblem(
  out: Problem[],
  ruleId: string,
  severity: "error" | "warning",
  row: Row,
  cols: number[],
  message: string,
): void {
  out.push({
    id: `${ruleId}@${row.id}`,
    ruleId,
    severity,
    cells: cols.map((c) => `roster.${row.id}.${(COLS[c] as Col).key}`),
    message,
    row: row.id,
  });
}

/** The 合计 items of the last check, in fen and persons (null: not computable), so the work is done as the engine does it. */
export const totals: { persons: number; amount: number | null; provPersons: number | null; provAmount: number | null } =
  {
    persons: 0,
    amount: null,
    provPersons: null,
    provAmount: null,
  };

export function check(values: Record<string, string>): Problem[] {
  const out: Problem[] = [];
  const c = new Cells(T.fields.length);
  const rows = new Map<string, Row>();

  for (const key in values) {
    const i = T.byKey.get(key);
    if (i !== undefined) {
      parseCell(T, c, i, key, values[key], out);
      continue;
    }
    // roster.<rowId>.<column>; anything else is not a cell of this form.
    if (!key.startsWith("roster.")) continue;
    const last = key.lastIndexOf(".");
    const column = COL_BY_KEY.get(key.slice(last + 1));
    if (column === undefined) continue;
    const rowId = key.slice(7, last);
    if (!validRowId(rowId)) continue;
    const r = parseInput(column.spec, values[key], column.where);
    if (r.ok && r.value === null) continue; // blank: a row exists only while a cell is filled
    let row = rows.get(rowId);
    if (row === undefined) rows.set(rowId, (row = new Row(rowId)));
    const bit = 1 << column.index;
    row.seen |= bit;
    if (!r.ok) {
      row.bad |= bit;
      out.push({ id: `type:${key}`, ruleId: "type", severity: "error", cells: [key], message: r.message });
      continue;
    }
    const value = r.value as string;
    switch (column.index) {
      case IDNO:
        row.idno = value;
        break;
      case STAGE:
        row.stage = value;
        break;
      case FILED:
        row.filed = value;
        break;
      case SOURCE:
        row.source = value;
        break;
      case AMOUNT: {
        const fen = scaled(value, 2);
        if (fen > MAX) row.bad |= bit;
        else row.amount = fen;
        break;
      }
    }
  }
  checkRequired(T, c, out);

  // Row by row: required columns, the row rules, and what the aggregates need.
  const firstOf = new Map<string, Row>();
  let duplicates: Map<string, Row[]> | undefined;
  let sum = 0;
  let provCount = 0;
  let provSum = 0;
  let amountsOk = true;
  let sourcesOk = true;
  let provAmountsOk = true;
  for (const row of rows.values()) {
    const missing = REQUIRED_MASK & ~row.seen;
    if (missing !== 0) {
      for (const col of COLS) {
        if ((missing & (1 << col.index)) === 0) continue;
        const key = `roster.${row.id}.${col.key}`;
        out.push({
          id: `required:${key}`,
          ruleId: "required",
          severity: "error",
          cells: [key],
          message: `${TITLE}「${col.label}」为必填项`,
          row: row.id,
        });
      }
    }
    const bad = row.bad;
    const amountOk = (bad & AMOUNT_BIT) === 0;
    const sourceOk = (bad & SOURCE_BIT) === 0;
    const amount = row.amount;
    const provincial = sourceOk && row.source === PROVINCIAL;

    // prov-cap: source != "省总经费" or amount <= 2000
    if (provincial && amountOk && amount > PROV_CAP) {
      rowProblem(
        out,
        "prov-cap",
        "error",
        row,
        [SOURCE, AMOUNT],
        `资金来源为省总经费的助学金每人不超过 2000 元，本行为 ${fmt(amount, 2)} 元`,
      );
    }
    // prov-target: source != "省总经费" or (filed = "非建档" and (stage = 高校 or stage = 特殊教育))
    if (provincial) {
      const wrongFiled = (bad & FILED_BIT) === 0 && row.filed !== UNFILED;
      const wrongStage = (bad & STAGE_BIT) === 0 && row.stage !== HIGHER && row.stage !== SPECIAL;
      if (wrongFiled || wrongStage) {
        rowProblem(
          out,
          "prov-target",
          "error",
          row,
          [SOURCE, FILED, STAGE],
          `省总金秋助学经费只用于非建档家庭的高校在读学生和接受特殊教育的残疾儿童；本行为“${row.filed ?? "空"}”“${row.stage ?? "空"}”，请改用其他资金来源或核对是否建档、就读阶段`,
        );
      }
    }
    if (amountOk) {
      // amount-positive: isblank(amount) or amount > 0
      if (amount === 0 && (row.seen & AMOUNT_BIT) !== 0)
        rowProblem(out, "amount-positive", "error", row, [AMOUNT], "助学金额应大于 0 元");
      // amount-range: amount <= 0 or (amount >= 200 and amount <= 20000)
      if (amount > 0 && (amount < LOW || amount > HIGH)) {
        rowProblem(
          out,
          "amount-range",
          "warning",
          row,
          [AMOUNT],
          `助学金额 ${fmt(amount, 2)} 元不在 200～20000 元之间，请检查是否把“万元”当作“元”填写；如确属实情，请在上报说明中说明`,
        );
      }
    }
    // age-<stage>: isblank(idno) or stage != S or age(idno) within the stage's range
    const idno = (bad & IDNO_BIT) === 0 ? row.idno : null;
    if (idno !== null && row.stage !== null && (bad & STAGE_BIT) === 0) {
      const range = AGES.get(row.stage);
      if (range) {
        const years = age(idno);
        if (years < range[1] || years > range[2]) {
          rowProblem(
            out,
            range[0],
            "error",
            row,
            [IDNO, STAGE],
            `就读阶段为“${row.stage}”，但按身份证号计算，该学生在 2022 年 9 月 1 日不在 ${range[1]}～${range[2]} 周岁之间，请核对身份证号或就读阶段`,
          );
        }
      }
    }
    // unique idno
    if (idno !== null) {
      const first = firstOf.get(idno);
      if (first === undefined) firstOf.set(idno, row);
      else {
        duplicates ??= new Map();
        const group = duplicates.get(idno);
        if (group) group.push(row);
        else duplicates.set(idno, [first, row]);
      }
    }
    // aggregates
    if (!amountOk) amountsOk = false;
    else sum += amount;
    if (!sourceOk) sourcesOk = false;
    else if (provincial) {
      provCount++;
      if (!amountOk) provAmountsOk = false;
      else provSum += amount;
    }
  }

  if (duplicates) {
    for (const [idno, group] of duplicates) {
      for (const row of group) {
        rowProblem(
          out,
          "unique:roster:idno",
          "error",
          row,
          [IDNO],
          `${TITLE}中「身份证号」为 ${idno} 的记录重复出现 ${group.length} 次`,
        );
      }
    }
  }
  if (rows.size > ROSTER.maxRows) {
    out.push({
      id: "rows:roster",
      ruleId: "rows",
      severity: "error",
      cells: [],
      message: `${TITLE}最多 ${ROSTER.maxRows} 行，现有 ${rows.size} 行`,
    });
  }

  // The 合计 items are computed from the roster (calc), as the engine computes them; no rule reads them.
  totals.persons = rows.size;
  totals.amount = amountsOk && sum <= MAX ? sum : null;
  totals.provPersons = sourcesOk ? provCount : null;
  totals.provAmount = sourcesOk && provAmountsOk && provSum <= MAX ? provSum : null;

  return finish(out, rosterRank(rows));
}

/** Form order: template cells, then roster cells by row order (numeric-aware) and column. */
function rosterRank(rows: Map<string, Row>): (p: Problem) => number {
  let order: Map<string, number> | undefined;
  const base = T.fields.length;
  return (p) => {
    const key = p.cells[0];
    if (key === undefined) return MAX;
    const i = T.byKey.get(key);
    if (i !== undefined) return i;
    order ??= new Map([...rows.keys()].sort(compareRowIds).map((id, n) => [id, n]));
    const last = key.lastIndexOf(".");
    const column = COL_BY_KEY.get(key.slice(last + 1));
    return base + (order.get(key.slice(7, last)) ?? 0) * 64 + (column?.index ?? 0);
  };
}
