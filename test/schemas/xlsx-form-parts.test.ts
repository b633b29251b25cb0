import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { COLORS } from "../../schemas/layout/colors";
import type { DataValidation, Sheet } from "../../worker/xlsx/sheet";
import { toXlsx, workbookParts } from "../../worker/xlsx/write";
import { parseXml } from "../manifest/strict-xml";

/**
 * What the xlsx writer (worker/xlsx/) learnt for a form that checks itself,
 * read back with exceljs from hand-made sheets: every kind of data
 * validation with its texts, input cells unlocked, conditional formats in the
 * layout's colours, tables, protection, hidden sheets and columns — and the
 * files Excel would repair are refused before they are written.
 */
async function readBack(sheets: Sheet[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await toXlsx(sheets)) as unknown as ArrayBuffer);
  return wb;
}

const TEXTS = {
  prompt: { title: "金额", message: "第一行\n第二行 <&>" },
  error: { title: "输入有误", message: "应填写数字" },
};

const VALIDATIONS: DataValidation[] = [
  { sqref: "A1", type: "whole", operator: "between", formula1: "0", formula2: "100", allowBlank: true, ...TEXTS },
  { sqref: "A2", type: "decimal", operator: "greaterThanOrEqual", formula1: "0", allowBlank: true, ...TEXTS },
  { sqref: "A3", type: "list", formula1: '"甲,乙"', allowBlank: true, ...TEXTS },
  { sqref: "A4", type: "list", formula1: "$D$1:$D$2", allowBlank: true, ...TEXTS },
  { sqref: "A5", type: "textLength", operator: "equal", formula1: "18", allowBlank: true, ...TEXTS },
  { sqref: "A6", type: "date", operator: "greaterThanOrEqual", formula1: "1", allowBlank: true, ...TEXTS },
  { sqref: "A7:A9", type: "custom", formula1: "AND(ISNUMBER(A7),A7<10)", allowBlank: false, ...TEXTS },
];

function formSheet(): Sheet {
  return {
    name: "表",
    rows: [
      [{ blank: true, format: "0", input: true }, { text: "标签", look: "label" }, null, "甲"],
      [{ number: "3", format: "0.00", input: true }, { formula: 'IF(A2>1,"大","小")', look: "computed" }, null, "乙"],
      ["序号", "姓名"],
      [{ formula: "ROW()-3" }, { text: "张三", format: "@", input: true }],
    ],
    protect: true,
    hiddenColumns: [4],
    validations: VALIDATIONS,
    formats: [
      { sqref: "A1 A2", formula: "$A$1>$A$2", severity: "error" },
      { sqref: "B2", formula: 'B2="大"', severity: "warning" },
    ],
    tables: [{ name: "T_1", ref: "A3:B4", columns: ["序号", "姓名"] }],
  };
}

describe("xlsx writer: the parts of a form", () => {
  it("writes every kind of data validation with its prompt and stop alert", async () => {
    const ws = (await readBack([formSheet()])).worksheets[0] as ExcelJS.Worksheet;
    const dv = (a: string) => ws.getCell(a).dataValidation;
    expect(dv("A1")).toMatchObject({ type: "whole", operator: "between", formulae: [0, 100] });
    expect(dv("A2")).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual", formulae: [0] });
    expect(dv("A3")).toMatchObject({ type: "list", formulae: ['"甲,乙"'] });
    expect(dv("A4")).toMatchObject({ type: "list", formulae: ["$D$1:$D$2"] });
    expect(dv("A5")).toMatchObject({ type: "textLength", operator: "equal", formulae: [18] });
    expect(dv("A6")).toMatchObject({ type: "date", operator: "greaterThanOrEqual" });
    expect(dv("A8")).toMatchObject({ type: "custom", formulae: ["AND(ISNUMBER(A7),A7<10)"] });
    expect(dv("A8").allowBlank).toBeFalsy();
    for (const a of ["A1", "A5", "A9"]) {
      // The line break survives the attribute (written as &#10;, not normalised to a space).
      expect([a, !!dv(a).allowBlank, dv(a).showInputMessage]).toEqual([a, a !== "A9", true]);
      expect(dv(a)).toMatchObject({ promptTitle: "金额", prompt: "第一行\n第二行 <&>", errorStyle: "stop" });
      expect(dv(a)).toMatchObject({ showErrorMessage: true, errorTitle: "输入有误", error: "应填写数字" });
    }
  });

  it("unlocks input cells in the input colour, protects the sheet, hides columns and sheets", async () => {
    const hidden: Sheet = { name: "藏", rows: [["x"]], hidden: true, protect: true };
    const wb = await readBack([formSheet(), hidden]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    for (const a of ["A1", "A2", "B4"]) {
      expect(ws.getCell(a).protection, a).toMatchObject({ locked: false });
      expect((ws.getCell(a).fill as ExcelJS.FillPattern).fgColor?.argb).toBe(`FF${COLORS.input.slice(1)}`);
    }
    for (const a of ["B1", "B2", "A4", "A3"]) expect(ws.getCell(a).protection?.locked, a).not.toBe(false);
    expect(ws.getCell("A1").numFmt).toBe("0");
    expect(ws.getCell("B4").numFmt).toBe("@");
    expect(ws.getColumn(4).hidden).toBe(true);
    expect(ws.getColumn(3).hidden).toBe(false);
    expect(wb.worksheets.map((w) => w.state)).toEqual(["visible", "hidden"]);
    expect(ws.getCell("B2").formula).toBe('IF(A2>1,"大","小")');
  });

  it("colours conditional formats as the add-in marks cells: red errors, amber warnings", () => {
    const parts = new Map(workbookParts([formSheet()]).map((p) => [p.name, p.text]));
    const styles = parseXml(parts.get("xl/styles.xml") ?? "");
    const dxfs = styles.children.find((c) => c.name === "dxfs")?.children ?? [];
    const sheet = parts.get("xl/worksheets/sheet1.xml") ?? "";
    const dxfOf = (formula: string) =>
      Number(new RegExp(`dxfId="(\\d+)"[^>]*><formula>${formula.replace(/[$()[\]]/g, "\\$&")}<`).exec(sheet)?.[1]);
    const error = JSON.stringify(dxfs[dxfOf("$A$1&gt;$A$2")]);
    const warning = JSON.stringify(dxfs[dxfOf("B2=&quot;大&quot;")]);
    expect(error).toContain(`FF${COLORS.error.slice(1)}`);
    expect(error).toContain(`FF${COLORS.errorText.slice(1)}`);
    expect(warning).toContain(`FF${COLORS.warning.slice(1)}`);
    expect(sheet).toContain('<conditionalFormatting sqref="A1 A2">');
  });

  it("writes tables with their header row, and refuses what Excel would repair", async () => {
    const wb = await readBack([formSheet()]);
    const table = (wb.worksheets[0] as ExcelJS.Worksheet).getTable("T_1") as unknown as {
      table: { tableRef: string; columns: { name: string }[] };
    };
    expect(table.table.tableRef).toBe("A3:B4");
    expect(table.table.columns.map((c) => c.name)).toEqual(["序号", "姓名"]);
    const parts = workbookParts([formSheet()]).map((p) => p.name);
    expect(parts).toContain("xl/tables/table1.xml");
    expect(parts).toContain("xl/worksheets/_rels/sheet1.xml.rels");

    const renamed = { ...formSheet(), tables: [{ name: "T_1", ref: "A3:B4", columns: ["序号", "名字"] }] };
    expect(() => workbookParts([renamed])).toThrow(/header cell "姓名"/);
    const twice = { ...formSheet(), name: "二" };
    expect(() => workbookParts([formSheet(), { ...twice, tables: [{ ...twice.tables![0]!, name: "t_1" }] }])).toThrow(
      /not unique/,
    );
    for (const name of ["A1", "R1C1", "r", "表1"])
      expect(() =>
        workbookParts([{ ...formSheet(), tables: [{ name, ref: "A3:B4", columns: ["序号", "姓名"] }] }]),
      ).toThrow(/invalid/);
    expect(() => workbookParts([{ name: "藏", rows: [], hidden: true }])).toThrow(/visible/);
  });

  it("asks for a full calculation on load only when a workbook holds formulas", () => {
    const workbook = (sheets: Sheet[]) => workbookParts(sheets).find((p) => p.name === "xl/workbook.xml")?.text;
    expect(workbook([formSheet()])).toContain('<calcPr fullCalcOnLoad="1"/>');
    expect(workbook([{ name: "导出", rows: [["1"]] }])).not.toContain("calcPr");
  });
});
