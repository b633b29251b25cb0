/**
 * Consolidations to draw: 附件1 金秋助学 of three Shanghai districts (real
 * values from the filled fixture, scaled), and synthetic rounds of any size.
 */
import type { Consolidation, UnitStatus } from "../../../../schemas/api/consolidation";
import { officerViewOf, type OfficerUnit, type OfficerView } from "../../../../schemas/layout/officer/view";
import type { ReportStatus } from "../../../../schemas/api/reports";
import * as D from "../../../../schemas/decimal";
import { HS_2022_ACTIVITY, SH_2014_JQZX } from "../../../../schemas/forms/index";
import { Template } from "../../../../schemas/template";
import { validate } from "../../../../schemas/validate";
import { HS_2022_ROSTER_VALUES, SH_2014_JQZX_VALUES } from "../../fixtures/filled";
import { huangshanRoster } from "../../fixtures/templates";
import { numericCells } from "../../../../schemas/layout/officer/matrix-sheet";

export const jqzx = (): Template => Template.parse(SH_2014_JQZX);
export const activity = (): Template => Template.parse(HS_2022_ACTIVITY);

type Values = Record<string, string>;

/** Exact per-cell sum of the numeric cells, as the Worker consolidates. */
export function sumValues(template: Template, all: readonly Values[]): Values {
  const out: Values = {};
  for (const { cell } of numericCells(template)) {
    let total: D.Decimal | undefined;
    for (const v of all) {
      const d = v[cell] === undefined ? null : D.parseDecimal(v[cell] as string);
      if (d) total = total ? D.add(total, d) : d;
    }
    if (total) out[cell] = D.toText(total);
  }
  return out;
}

function scaled(values: Values, factor: number, template: Template): Values {
  const out: Values = {};
  for (const r of numericCells(template)) {
    const v = values[r.cell];
    if (v === undefined) continue;
    const n = Number(v) * factor;
    out[r.cell] = r.numberFormat === "0" ? String(Math.round(n)) : String(Math.round(n * 100) / 100);
  }
  return out;
}

export function unit(code: string, name: string, status: ReportStatus, extra: Partial<OfficerUnit> = {}): OfficerUnit {
  return {
    code,
    name,
    status,
    late: false,
    submittedAt: status === "submitted" || status === "approved" ? "2014-08-28T02:30:00.000Z" : null,
    errors: 0,
    warnings: 0,
    notes: 0,
    ...extra,
  };
}

/** 黄浦 submitted on time with a 上报说明, 徐汇 returned, 长宁 not reported and late. */
export function shanghaiView(): OfficerView {
  const template = jqzx();
  const huangpu = { ...SH_2014_JQZX_VALUES };
  // 黄浦 granted more than it raised (结余资金) and explained the warning.
  const xuhui = {
    ...scaled(SH_2014_JQZX_VALUES, 0.5, template),
    granted: "48.4",
    granted_primary: "12.1",
    granted_secondary: "12.1",
    granted_college: "24.2",
  };
  const values: Record<string, Values> = { "sh-huangpu": scaled(huangpu, 1, template), "sh-xuhui": xuhui };
  const totals = sumValues(template, Object.values(values));
  return {
    round: "sh-2014-jqzx",
    unit: { code: "sh", name: "上海市总工会" },
    template,
    totals,
    units: [
      unit("sh-huangpu", "黄浦区总工会", "submitted", { warnings: 1, notes: 1 }),
      unit("sh-xuhui", "徐汇区总工会", "returned", { errors: 0, warnings: 1, notes: 1 }),
      unit("sh-changning", "长宁区总工会", "draft", { late: true }),
    ],
    matrix: { cells: numericCells(template).map((r) => r.cell), values },
    problems: validate(template, totals),
    notes: [
      {
        unit: "sh-xuhui",
        unitName: "徐汇区总工会",
        problemId: "granted-vs-raised",
        cells: ["granted", "raised"],
        text: "使用了2013年结余资金10万元",
        // The unit has since fixed what the warning pointed at.
        message: null,
      },
      {
        unit: "sh-huangpu",
        unitName: "黄浦区总工会",
        problemId: "avg-grant",
        text: "大专以上学生资助标准较高",
        message: "大专以上人均资助 6000 元，高于其他学段 2 倍以上",
      },
    ],
    rosters: [],
  };
}

/** A deterministic pseudo-random round: `units` districts × the first `cells` numeric cells of 附件 活动情况. */
export function syntheticView(units: number, cells = 60, seed = 1): OfficerView {
  const template = activity();
  const rows = numericCells(template).slice(0, cells);
  let s = seed;
  const next = () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
  const values: Record<string, Values> = {};
  const list: OfficerUnit[] = [];
  for (let i = 0; i < units; i++) {
    const code = `u${String(i + 1).padStart(4, "0")}`;
    const v: Values = {};
    for (const r of rows)
      v[r.cell] =
        r.numberFormat === "0" ? String(Math.floor(next() * 500)) : (Math.floor(next() * 10000) / 100).toString();
    values[code] = v;
    list.push(unit(code, `第${i + 1}单位工会`, i % 7 === 0 ? "draft" : "submitted", { late: i % 11 === 0 }));
  }
  return {
    round: "hs-2022-activity",
    unit: { code: "hs", name: "黄山市总工会" },
    template,
    totals: sumValues(template, Object.values(values)),
    units: list,
    matrix: { cells: rows.map((r) => r.cell), values },
    problems: [],
    notes: [],
    rosters: [],
  };
}

/** `view` with `count` units' values changed (every cell of those units), spread over the columns. */
export function changeUnits(view: OfficerView, count: number): OfficerView {
  const codes = view.units.map((u) => u.code);
  const step = Math.max(1, Math.floor(codes.length / Math.max(1, count)));
  const values = { ...view.matrix.values };
  for (let i = 0; i < count && i * step < codes.length; i++) {
    const code = codes[i * step] as string;
    const old = values[code] ?? {};
    values[code] = Object.fromEntries(Object.entries(old).map(([k, v]) => [k, String(Number(v) + 1)]));
  }
  return { ...view, matrix: { ...view.matrix, values } };
}

/** Roster values (`roster.rNNNN.col`) → the consolidation's rows of one unit. */
function rowsOf(unit: string, values: Values): { unit: string; rowId: string; values: Values }[] {
  const rows = new Map<string, Values>();
  for (const [key, v] of Object.entries(values)) {
    const m = /^roster\.([^.]+)\.(.+)$/.exec(key);
    if (!m) continue;
    const row = rows.get(m[1] as string) ?? {};
    row[m[2] as string] = v;
    rows.set(m[1] as string, row);
  }
  return [...rows].map(([rowId, v]) => ({ unit, rowId, values: v }));
}

/**
 * 附件2 受助学生名册 of two Huangshan districts as the Worker answers with
 * `include=submitted,approved,rows`: 休宁 submitted the five students of the
 * filled fixture, 屯溪 two of them again under its own name (3 and 2 rows
 * would do as well; the point is two units' rows one after the other), 黄山区
 * has not reported.
 */
export function huangshanRosterAnswer(): Consolidation {
  const xiuning = HS_2022_ROSTER_VALUES;
  const tunxi: Values = {};
  for (const [key, v] of Object.entries(xiuning)) {
    const m = /^roster\.r([45])\.(.+)$/.exec(key);
    if (m) tunxi[`roster.r${Number(m[1]) - 3}.${m[2]}`] = m[2] === "name" ? `${v}（屯溪）` : v;
  }
  Object.assign(tunxi, { total_persons: "2", total_amount: "2500", prov_persons: "1", prov_amount: "1500" });
  const status = (code: string, name: string, s: ReportStatus): UnitStatus => ({
    code,
    name,
    status: s,
    late: false,
    submittedAt: s === "draft" ? null : "2022-11-28T02:00:00.000Z",
    errors: 0,
    warnings: 0,
    unexplained: 0,
  });
  const units = [status("hs-xiuning", "休宁县总工会", "submitted"), status("hs-tunxi", "屯溪区总工会", "approved")];
  const missing = [status("hs-huangshanqu", "黄山区总工会", "draft")];
  const template = huangshanRoster();
  const cells = numericCells(template).map((r) => r.cell);
  const rows = [...rowsOf("hs-xiuning", xiuning), ...rowsOf("hs-tunxi", tunxi)];
  return {
    round: "hs-2022-roster",
    template: { id: template.id, version: template.version, title: template.title },
    period: "2022",
    dueDate: "2022-11-30",
    unit: { code: "hs", name: "黄山市总工会" },
    include: ["submitted", "approved", "rows"],
    generatedAt: "2022-11-29T02:00:00.000Z",
    completeness: {
      expected: 3,
      reported: 2,
      byStatus: { draft: 1, submitted: 1, returned: 0, approved: 1 },
      late: 0,
      lateUnits: [],
      missing,
    },
    totals: sumValues(template, [xiuning, tunxi]),
    matrix: { units, cells, rows: cells.map((c) => [xiuning[c] ?? "", tunxi[c] ?? ""]) },
    rosters: [
      {
        key: "roster",
        title: "受助学生名册",
        rows: rows.length,
        totals: { amount: "14000" },
        byUnit: [
          { unit: "hs-xiuning", rows: 5, totals: { amount: "11500" } },
          { unit: "hs-tunxi", rows: 2, totals: { amount: "2500" } },
        ],
        rowValues: rows,
      },
    ],
    problems: [],
    notes: [],
  };
}

export function huangshanRosterView(answer: Consolidation = huangshanRosterAnswer()): OfficerView {
  return officerViewOf(answer, huangshanRoster());
}
