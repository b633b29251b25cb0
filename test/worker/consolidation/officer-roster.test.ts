import { beforeAll, describe, expect, it } from "vitest";
import { MemoryWorkbook } from "../../../addin/memory/memory-workbook";
import { MemoryOfficerWorkbook } from "../../../addin/memory/officer-memory";
import { refreshPlan } from "../../../addin/sheet/officer/refresh";
import type { Consolidation } from "../../../schemas/api/consolidation";
import { a1 } from "../../../schemas/layout/address";
import { UNIT_COLUMN_LABEL } from "../../../schemas/layout/officer/consolidated-roster";
import { consolidatedSheetName } from "../../../schemas/layout/officer/consolidated-sheet";
import { officerPlan, type OfficerPlan } from "../../../schemas/layout/officer/plan";
import { consolidationQuery, officerViewOf } from "../../../schemas/layout/officer/view";
import { api, checked, patch, readVersion, seed, TOKENS } from "../helpers";

/**
 * The officer's consolidated sheet of a roster form, end to end: districts
 * save and submit students through the Worker (D1); the consolidation is read
 * with the query the officer's pane sends (`consolidationQuery`), planned and
 * drawn into the preview's workbook as the pane does (officer-sheets.ts: a
 * render, then a refresh that draws again what changed shape); the 名册 table
 * holds every submitted student with the unit that reported it, and follows
 * new and corrected students. (The pane's API client is left out: its DOM
 * types do not compile against the Workers types of this project.)
 */
const R = "roster-officer";
const template = checked();
const sheetName = consolidatedSheetName(template);

async function act(unit: string, action: "submit" | "return", body?: unknown): Promise<void> {
  const v = await readVersion(TOKENS.admin, R, unit);
  const res = await api(TOKENS.admin, "POST", `/rounds/${R}/reports/${unit}/${action}`, body, { "If-Match": `"${v}"` });
  if (res.status !== 200) throw new Error(`${action} ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Saves `values` and submits, as a district's filler does (a submitted report is returned first to be corrected). */
async function submit(unit: string, values: Record<string, string>): Promise<void> {
  const report = await api(TOKENS.admin, "GET", `/rounds/${R}/reports/${unit}`);
  if (report.body.status === "submitted") await act(unit, "return", { reason: "请核对助学金额" });
  const v = await readVersion(TOKENS.admin, R, unit);
  const saved = await patch(
    TOKENS.admin,
    R,
    unit,
    v,
    Object.entries(values).map(([cell, value]) => ({ cell, value })),
  );
  if (saved.status !== 200) throw new Error(`patch ${unit}: ${JSON.stringify(saved.body)}`);
  await act(unit, "submit");
}

const forms = new MemoryWorkbook();
const sheets = new MemoryOfficerWorkbook(forms);
let drawn: OfficerPlan;
const STAMP = "最后更新：2022-11-29 10:00:00";

/** Reads the consolidation as the officer's pane asks for it and plans the sheets. */
async function plan(): Promise<OfficerPlan> {
  const query = new URLSearchParams(Object.entries(consolidationQuery(template, "hs")) as [string, string][]);
  const res = await api<Consolidation>(TOKENS.cityReviewer, "GET", `/rounds/${R}/consolidated?${query}`);
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return officerPlan(officerViewOf(res.body, template));
}

/** What officer-sheets.ts does on a live refresh: draw again what changed shape, write the rest. */
async function update(): Promise<void> {
  const next = await plan();
  const changes = refreshPlan(drawn, next);
  if (changes.rerender.includes("consolidated")) await sheets.renderConsolidated(next.consolidated, STAMP);
  await sheets.refresh(changes.patches, STAMP);
  drawn = next;
}

/** The 名册 table of the consolidated sheet as the officer sees it: one line per row, blanks as "". */
function rosterTable(): string[][] {
  const sheet = forms.sheet(sheetName);
  const texts = new Map(sheet?.layout.texts.map((t) => [t.address, t.text]));
  // The last 填报单位 on the sheet heads the roster's unit column (the first is the form's header field).
  const header = [...texts].filter(([, t]) => t === UNIT_COLUMN_LABEL).at(-1)?.[0] as string;
  const headerRow = Number(header.replace(/^[A-Z]+/, ""));
  const lines: string[][] = [];
  for (let row = headerRow + 1; ; row++) {
    // Columns B–D: the typed columns and 填报单位 (序号 in A is the table's formula).
    const line = [2, 3, 4].map((col) => String(sheet?.values.get(a1(row, col)) ?? ""));
    if (line.every((v) => v === "") || texts.has(a1(row, 2))) break;
    lines.push(line);
  }
  return lines;
}

beforeAll(async () => {
  await seed([
    {
      id: R,
      templateId: "test-jqzx",
      templateVersion: 1,
      rootUnit: "hs",
      units: ["hs-tunxi-a", "hs-tunxi-b", "hs-huizhou"],
    },
  ]);
  await submit("hs-tunxi-a", {
    total: "0.3",
    people: "2",
    "roster.r0001.name": "张三",
    "roster.r0001.amount": "1000.5",
    "roster.r0002.name": "王小明",
    "roster.r0002.amount": "2000",
  });
  await submit("hs-tunxi-b", { total: "0.1", people: "1", "roster.r0001.name": "李四", "roster.r0001.amount": "0.25" });
  drawn = await plan();
  await sheets.renderConsolidated(drawn.consolidated, STAMP);
});

describe("the officer's consolidated sheet of a roster form", () => {
  it("lists every submitted student with the unit that reported it", () => {
    expect(rosterTable()).toEqual([
      ["张三", "1000.5", "屯溪区昱东街道工会"],
      ["王小明", "2000", "屯溪区昱东街道工会"],
      ["李四", "0.25", "屯溪区老街街道工会"],
    ]);
  });

  it("grows when another unit submits students, and follows a corrected one", async () => {
    await submit("hs-huizhou", { total: "1", people: "1", "roster.r0001.name": "赵五", "roster.r0001.amount": "800" });
    await submit("hs-tunxi-a", { "roster.r0002.amount": "1800" });
    await update();
    expect(rosterTable()).toEqual([
      ["张三", "1000.5", "屯溪区昱东街道工会"],
      ["王小明", "1800", "屯溪区昱东街道工会"],
      ["李四", "0.25", "屯溪区老街街道工会"],
      ["赵五", "800", "徽州区总工会"],
    ]);
  });
});
