import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../schemas/check";
import { HS_2022_NEED, HS_2022_ROSTER } from "../../schemas/forms";
import type { Template, TemplateInput } from "../../schemas/template";
import { consolidate, matrixKeys } from "../../worker/consolidation/maths";
import type { ConsolidationRows } from "../../worker/db/consolidation-reads";
import { consolidationSheets, reportSheets } from "../../worker/exports/layout";
import { num, title, type Sheet } from "../../worker/exports/sheet";
import { columnName, sheetNames, toXlsx } from "../../worker/exports/xlsx";
import { crc32 } from "../../worker/exports/zip";
import { HS_2022_NEED_VALUES, HS_2022_ROSTER_VALUES } from "./fixtures/filled";

/**
 * The Worker's own XLSX writer (worker/exports/xlsx.ts), read back with exceljs:
 * the file opens, sheet names, text and numbers come back as written, and no
 * text ever becomes a formula.
 */
function published(input: TemplateInput): Template {
  const r = checkTemplate(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.template;
}

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of a sheet as [address, value]. */
function cells(ws: ExcelJS.Worksheet): Map<string, ExcelJS.CellValue> {
  const out = new Map<string, ExcelJS.CellValue>();
  ws.eachRow((row) => row.eachCell((cell) => out.set(cell.address, cell.value)));
  return out;
}

function findRow(ws: ExcelJS.Worksheet, first: ExcelJS.CellValue, second?: ExcelJS.CellValue): ExcelJS.Row | undefined {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (found) return;
    if (row.getCell(1).value === first && (second === undefined || row.getCell(2).value === second)) found = row;
  });
  return found;
}

describe("xlsx writer", () => {
  it("writes text, numbers at their scale, and neutralises formula-like text", async () => {
    const sheets: Sheet[] = [
      {
        name: "测试",
        rows: [
          [title("标题")],
          ["文本", num("12.5", 2), num("7", 0), num("-0.125", 3)],
          ['=HYPERLINK("http://evil.example")', "+1", "-1", "@x", "\tTab", "正常"],
          [null, "a&b<c>\"d'", "行\n换"],
        ],
      },
    ];
    for (const compress of [true, false]) {
      const wb = await readBack(await toXlsx(sheets, { compress }));
      const ws = wb.getWorksheet("测试") as ExcelJS.Worksheet;
      expect(ws).toBeDefined();
      expect(ws.getCell("A1").value).toBe("标题");
      expect(ws.getCell("A1").font?.bold).toBe(true);
      expect(ws.getCell("B2").value).toBe(12.5);
      expect(ws.getCell("B2").numFmt).toBe("0.00");
      expect(ws.getCell("C2").value).toBe(7);
      expect(ws.getCell("C2").numFmt).toBe("0");
      expect(ws.getCell("D2").value).toBe(-0.125);
      expect(ws.getCell("D2").numFmt).toBe("0.000");
      expect(ws.getCell("A3").value).toBe('=HYPERLINK("http://evil.example")');
      expect(ws.getCell("A3").type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell("A3").formula).toBeUndefined();
      for (const ref of ["A3", "B3", "C3", "D3", "E3", "F3"]) expect(ws.getCell(ref).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell("C3").value).toBe("-1");
      expect(ws.getCell("E3").value).toBe("\tTab");
      expect(ws.getCell("B4").value).toBe("a&b<c>\"d'");
      expect(ws.getCell("C4").value).toBe("行\n换");
    }
  });

  it("marks formula-like text with quotePrefix, the flag behind Excel's apostrophe", async () => {
    const bytes = await toXlsx([{ name: "S", rows: [["=1+1", "ok"]] }], { compress: false });
    const xml = new TextDecoder().decode(bytes);
    expect(xml).toContain('quotePrefix="1"');
    expect(xml).toMatch(/<c r="A1" s="3" t="inlineStr"><is><t xml:space="preserve">=1\+1<\/t><\/is><\/c>/);
    expect(xml).not.toContain("<f>");
  });

  it("names columns and sheets as Excel requires", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
    expect(sheetNames(["a/b", "A/B", "x".repeat(40), "", "'q'"])).toEqual([
      "a_b",
      "A_B(2)",
      "x".repeat(31),
      "Sheet4",
      "q",
    ]);
  });

  it("computes the zip CRC-32 of the standard check value", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  });
});

describe("a report in the official layout", () => {
  it("reads back: title, 文号, 填报单位/填报人/联系电话, grid and items with numbers", async () => {
    const template = published(HS_2022_NEED);
    const sheets = reportSheets({
      template,
      unit: { code: "hs-xiuning", name: "休宁县总工会" },
      status: "submitted",
      values: HS_2022_NEED_VALUES,
      explanations: { "W-gap": "=已与县财政沟通" },
      problems: [],
    });
    const wb = await readBack(await toXlsx(sheets));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["金秋助学资金需求情况汇总表"]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell("A1").value).toBe("金秋助学资金需求情况汇总表");
    expect(ws.getCell("A2").value).toBe("黄山市总工会  黄工办〔2022〕20号");
    expect([1, 2, 3, 4, 5, 6].map((c) => ws.getRow(3).getCell(c).value)).toEqual(["填报单位", "休宁县总工会", "填报期间", "2022", "状态", "已上报"]);
    expect([1, 2, 3, 4].map((c) => ws.getRow(4).getCell(c).value)).toEqual(["填报人", "方敏", "联系电话", "0559-2512345"]);

    const gridHead = findRow(ws, "序号", "项目") as ExcelJS.Row;
    expect((gridHead.values as ExcelJS.CellValue[]).slice(1)).toEqual([
      "序号", "项目", "合计", "学前教育", "义务教育", "高中阶段教育（含中等职业教育）", "普通高等教育（含高职、大专）", "特殊教育（残疾儿童）", "单位",
    ]);
    const demand = findRow(ws, "2", "助学资金需求") as ExcelJS.Row;
    expect((demand.values as ExcelJS.CellValue[]).slice(3)).toEqual([42.9, 1.2, 9.6, 8.7, 22.2, 1.2, "万元"]);
    expect(demand.getCell(3).numFmt).toBe("0.00");
    const applicants = findRow(ws, "1", "符合条件的困难职工家庭子女") as ExcelJS.Row;
    expect(applicants.getCell(3).value).toBe(246);
    expect(applicants.getCell(3).numFmt).toBe("0");
    const item = findRow(ws, "3", "非建档困难职工家庭高校在读学生") as ExcelJS.Row;
    expect([item.getCell(3).value, item.getCell(4).value]).toEqual([36, "人"]);
    const note = findRow(ws, "W-gap") as ExcelJS.Row;
    expect(note.getCell(3).value).toBe("=已与县财政沟通");
    expect(note.getCell(3).formula).toBeUndefined();
  });

  it("writes a roster as a table; 身份证号 stays text", async () => {
    const template = published(HS_2022_ROSTER);
    const sheets = reportSheets({
      template,
      unit: { code: "hs-xiuning", name: "休宁县总工会" },
      status: "draft",
      values: HS_2022_ROSTER_VALUES,
      explanations: {},
      problems: [],
    });
    const ws = (await readBack(await toXlsx(sheets))).worksheets[0] as ExcelJS.Worksheet;
    const head = findRow(ws, "序号", "学生姓名") as ExcelJS.Row;
    const idCol = (head.values as ExcelJS.CellValue[]).indexOf("身份证号");
    const amountCol = (head.values as ExcelJS.CellValue[]).indexOf("助学金额");
    expect(idCol).toBeGreaterThan(0);
    const first = ws.getRow(head.number + 1);
    expect(first.getCell(1).value).toBe("1");
    expect(first.getCell(idCol).type).toBe(ExcelJS.ValueType.String);
    expect(String(first.getCell(idCol).value)).toMatch(/^\d{17}[\dX]$/);
    expect(typeof first.getCell(amountCol).value).toBe("number");
    expect(first.getCell(amountCol).numFmt).toBe("0.00");
  });
});

describe("a consolidation", () => {
  it("reads back the totals, the matrix sheet and the status sheet", async () => {
    const template = published(HS_2022_NEED);
    // What the positional read of db/consolidation-reads.ts returns: values in matrix cell order.
    const numeric = (values: Record<string, string>) => matrixKeys(template).map((key) => values[key] ?? "").join(",");
    const second = { ...HS_2022_NEED_VALUES, prov_higher: "4", plan_social: "0.15" };
    const rows: ConsolidationRows = {
      reports: [
        { id: 1, unit: "hs-tunxi", name: "屯溪区总工会", status: "submitted", late: 0, submitted_at: "2022-07-10T02:00:00.000Z", notes: "{}", errors: 0, warnings: 1, unexplained: 0, v: numeric(HS_2022_NEED_VALUES) },
        { id: 2, unit: "hs-xiuning", name: "休宁县总工会", status: "approved", late: 1, submitted_at: "2022-07-16T02:00:00.000Z", notes: "{}", errors: 0, warnings: 0, unexplained: 0, v: numeric(second) },
        { id: 3, unit: "hs-qimen", name: "祁门县总工会", status: "draft", late: 0, submitted_at: null, notes: "{}", errors: null, warnings: null, unexplained: null, v: null },
      ],
      statusCounts: null,
      sums: null,
      rosterRows: [],
      rosterColumns: [],
      rosterCells: [],
      noteCells: [],
    };
    const { body, units } = consolidate({
      template,
      round: { id: "hs-2022", period: "2022", dueDate: "2022-07-15" },
      unit: { code: "hs", name: "黄山市总工会" },
      include: ["submitted", "approved"],
      rows,
      matrix: true,
      now: new Date("2022-07-20T00:00:00Z"),
    });
    expect(body.totals.prov_higher).toBe("40");
    expect(body.totals.plan_social).toBe("8.65");
    expect(body.totals["demand.total"]).toBe("85.8");
    expect(body.completeness).toMatchObject({ expected: 3, reported: 2, late: 2 });

    const wb = await readBack(await toXlsx(consolidationSheets(template, body, units)));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["汇总表", "分单位明细", "完成情况", "上报说明", "审核提示"]);
    const summary = wb.getWorksheet("汇总表") as ExcelJS.Worksheet;
    expect(summary.getCell("A1").value).toBe("金秋助学资金需求情况汇总表（汇总）");
    expect((findRow(summary, "3", "非建档困难职工家庭高校在读学生") as ExcelJS.Row).getCell(3).value).toBe(40);

    const matrix = wb.getWorksheet("分单位明细") as ExcelJS.Worksheet;
    expect((matrix.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(["项目", "单位", "合计", "屯溪区总工会", "休宁县总工会"]);
    expect((matrix.getRow(2).values as ExcelJS.CellValue[]).slice(4)).toEqual(["hs-tunxi", "hs-xiuning"]);
    expect((matrix.getRow(3).values as ExcelJS.CellValue[]).slice(4)).toEqual(["已上报", "已审核（逾期）"]);
    const row = matrix.getRow(4 + body.matrix!.cells.indexOf("plan_social"));
    expect(row.getCell(1).value).toBe("第 10 项「已落实的社会捐助资金」");
    expect([row.getCell(3).value, row.getCell(4).value, row.getCell(5).value]).toEqual([8.65, 8.5, 0.15]);
    expect(row.getCell(4).numFmt).toBe("0.00");
    expect(matrix.rowCount).toBe(3 + body.matrix!.cells.length);

    const status = wb.getWorksheet("完成情况") as ExcelJS.Worksheet;
    expect(cells(status).get("A4")).toBe("hs-qimen");
    expect(cells(status).get("C4")).toBe("未上报");
    expect(cells(status).get("D4")).toBe("逾期");
    // Problem counts: a number where the unit was checked, blank where not yet.
    expect(cells(status).get("F1")).toBe("错误");
    expect([cells(status).get("F2"), cells(status).get("G2"), cells(status).get("H2")]).toEqual([0, 1, 0]);
    expect(cells(status).get("G4")).toBeUndefined();
  });
});
