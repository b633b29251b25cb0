/**
 * Excel's own limits, measured on the strict fake Excel (test/addin/excel/strict):
 * the largest request and response of one sync when drawing, filling and
 * reading a Huangshan 金秋助学 roster of 2,000 and 10,000 rows on Excel on the
 * web (which refuses 5 MB; the goal is 4 MB), against the one-call-per-cell
 * write the adapter used to send, measured in the same run; and how many calls
 * per edit clear the clerk's undo stack (goal 0 on hosts with add-in undo,
 * ExcelApi 1.20).
 */
import { OfficeWorkbook } from "../addin/excel/office-workbook";
import { buildLayout, type SheetLayout } from "../schemas/layout/form/layout";
import { CellIndex } from "../schemas/layout/form/cell-index";
import { rosterValues } from "../test/addin/roster-fixture";
import { huangshanRoster, shanghaiJqzx } from "../test/schemas/fixtures/templates";
import { createStrictExcel, type StrictExcel } from "../test/addin/excel/strict/fake-excel";
import type { ProfileName } from "../test/addin/excel/strict/profiles";
import { note, printReport } from "./harness";

const MB = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / MB).toFixed(2)} MB`;

/** The largest request and response since the log was last reset, and how many syncs. */
function largest(excel: StrictExcel): { request: number; response: number; syncs: number } {
  const p = excel.payload;
  const out = { request: p.maxRequestBytes, response: p.maxResponseBytes, syncs: p.syncs.length };
  p.reset();
  return out;
}

// 1. Payload per sync, a roster of 2,000 and of 10,000 rows.
for (const rows of [2_000, 10_000]) {
  const excel = createStrictExcel("web-1.18");
  const workbook = new OfficeWorkbook(excel.host);
  const layout = buildLayout(huangshanRoster(), { unitName: "屯溪区总工会", rosterRows: rows });
  await workbook.renderForm(layout);
  const draw = largest(excel);
  const values = rosterValues(rows);
  await workbook.writeValues(layout.sheet, values);
  const write = largest(excel);
  await workbook.readValues(layout.sheet);
  const read = largest(excel);
  const old = await perCellWriteBytes(layout, values);
  note(`draw a ${rows}-row roster: largest request (syncs)`, `${mb(draw.request)} (${draw.syncs})`, "≤ 4 MB per sync");
  note(
    `fill a ${rows}-row roster: largest request (syncs)`,
    `${mb(write.request)} (${write.syncs}) vs ${mb(old)} one call per cell (${(old / write.request).toFixed(1)}×)`,
    "≤ 4 MB per sync",
  );
  note(
    `read a ${rows}-row roster: largest response (syncs)`,
    `${mb(read.response)} (${read.syncs})`,
    "≤ 4 MB per sync",
  );
}

// 2. Undo-clearing calls per edit: type a value (read back, marked), then another (mark cleared).
for (const profile of ["web-1.20", "windows-1.20", "web-1.18"] as const) {
  const perEdit = await undoClearsPerEdit(profile);
  note(
    `undo-clearing calls per edit, ${profile}`,
    perEdit.toFixed(1),
    profile.endsWith("1.20") ? "0 (add-in undo, ExcelApi 1.20)" : "below 1.20 every add-in write clears",
  );
}

// 3. A paste of cells copied from elsewhere brings their formats; repairing them unprotects the sheet once.
note(
  "undo-clearing calls per paste of foreign cells, web-1.20",
  String(await undoClearsPerPaste()),
  "rare: only a paste that replaced formats",
);

printReport("Excel limits (strict fake Excel)");

/** The request the old adapter sent to fill the roster: one `getRange(cell).values = [[v]]` per cell. */
async function perCellWriteBytes(layout: SheetLayout, values: Record<string, string>): Promise<number> {
  // Measured on a desktop profile, which has no 5 MB cap, so the whole request goes through.
  const excel = createStrictExcel("windows-1.20");
  const index = new CellIndex(layout);
  await excel.host.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.add(layout.sheet);
    for (const [key, value] of Object.entries(values)) {
      const cell = index.locate(key);
      if (cell) ws.getRange(cell.address).values = [[value]];
    }
    await ctx.sync();
  });
  return excel.payload.maxRequestBytes;
}

async function undoClearsPerEdit(profile: ProfileName): Promise<number> {
  const excel = createStrictExcel(profile);
  const workbook = new OfficeWorkbook(excel.host);
  const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });
  await workbook.renderForm(layout);
  await workbook.onCellsChanged(layout.sheet, () => undefined);
  const address = new CellIndex(layout).locate("raised")?.address ?? "";
  const mark = excel.undo.clears.length;
  const edits = 10;
  for (let i = 0; i < edits / 2; i++) {
    typed(excel.user.type(layout.sheet, address, "1000"));
    await excel.settle();
    await workbook.markCells(layout.sheet, [{ cell: "raised", severity: "warning", note: "请核对" }], []);
    typed(excel.user.type(layout.sheet, address, "12.5"));
    await excel.settle();
    await workbook.markCells(layout.sheet, [], ["raised"]);
  }
  return excel.undo.since(mark).length / edits;
}

async function undoClearsPerPaste(): Promise<number> {
  const excel = createStrictExcel("web-1.20");
  const workbook = new OfficeWorkbook(excel.host);
  const layout = buildLayout(shanghaiJqzx(), { unitName: "黄浦区总工会" });
  await workbook.renderForm(layout);
  await workbook.onCellsChanged(layout.sheet, () => undefined);
  const address = new CellIndex(layout).locate("raised")?.address ?? "";
  const mark = excel.undo.clears.length;
  excel.user.paste(layout.sheet, address, { values: [[10], [5]], fill: "#FFFFFF" });
  await excel.settle();
  return excel.undo.since(mark).length;
}

/** An edit Excel refused would measure nothing. */
function typed(refusal: string | undefined): void {
  if (refusal) throw new Error(`Excel refused the typing: ${refusal}`);
}
