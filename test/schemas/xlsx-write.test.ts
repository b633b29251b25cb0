import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../schemas/check";
import { HS_2022_NEED, HS_2022_ROSTER, OFFICIAL_TEMPLATES, SH_2014_JQZX } from "../../schemas/forms";
import { columnLetter } from "../../schemas/layout/address";
import { buildLayout } from "../../schemas/layout/form/layout";
import { consolidatedLayout, consolidatedSheetName } from "../../schemas/layout/officer/consolidated-sheet";
import { MATRIX_SHEET, numericCells } from "../../schemas/layout/officer/matrix-sheet";
import { STATUS_COLUMNS, STATUS_SHEET } from "../../schemas/layout/officer/status-sheet";
import { STATUS_LABEL } from "../../schemas/status";
import type { Template, TemplateInput } from "../../schemas/template";
import { consolidate, matrixKeys } from "../../worker/consolidation/maths";
import type { ConsolidationRows } from "../../worker/db/consolidation-reads";
import { consolidationSheets } from "../../worker/exports/officer-sheets";
import { reportSheets } from "../../worker/exports/report-sheet";
import { num, text, type Sheet } from "../../worker/xlsx/sheet";
import { sheetNames, toXlsx, workbookParts } from "../../worker/xlsx/write";
import { StyleTable } from "../../worker/xlsx/styles";
import { crc32 } from "../../worker/xlsx/zip";
import { LOOKS, type Look } from "../../schemas/layout/looks";
import { FILLED_FORMS, HS_2022_NEED_VALUES, HS_2022_ROSTER_VALUES, SH_2014_JQZX_VALUES } from "./fixtures/filled";

/**
 * The Worker's own XLSX writer (worker/xlsx/write.ts), read back with exceljs:
 * the file opens, sheet names, text and numbers come back as written, no text
 * ever becomes a formula, and the exports are the add-in's layouts
 * (schemas/layout/): the same texts at the same addresses, the same merges,
 * widths and number formats, the values in their cells.
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

function rowValues(ws: ExcelJS.Worksheet, row: number, from = 1): ExcelJS.CellValue[] {
  return (ws.getRow(row).values as ExcelJS.CellValue[]).slice(from);
}

/** The cellXfs entry `s` of a cell, as written. */
function xfOf(xml: { sheet: string; styles: string }, ref: string): string {
  const s = new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(xml.sheet)?.[1] ?? "0";
  const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(xml.styles)?.[1] ?? "";
  return xfs.match(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)?.[Number(s)] ?? "";
}

function partsOf(sheets: Sheet[], index = 0): { sheet: string; styles: string } {
  const parts = workbookParts(sheets);
  return {
    sheet: parts.find((p) => p.name === `xl/worksheets/sheet${index + 1}.xml`)?.text ?? "",
    styles: parts.find((p) => p.name === "xl/styles.xml")?.text ?? "",
  };
}

const XIUNING = { code: "hs-xiuning", name: "休宁县总工会" };

describe("xlsx writer", () => {
  it("writes every look as schemas/layout/looks.ts says, the table the add-in's drawing in Excel reads", () => {
    const table = new StyleTable();
    const ids = (Object.keys(LOOKS) as Look[]).map((look) => [look, table.id(look)] as const);
    const xml = table.xml("", "ns");
    const fonts = [...xml.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1] as string);
    const cellXfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(xml)?.[1] ?? "";
    const xfs = [...cellXfs.matchAll(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)].map((m) => m[0]);
    for (const [look, id] of ids) {
      const l = LOOKS[look];
      const xf = xfs[id] as string;
      const font = fonts[Number(/fontId="(\d+)"/.exec(xf)?.[1])] as string;
      expect([look, font.includes("<b/>"), font.includes(`<sz val="${l.size ?? 11}"/>`)]).toEqual([
        look,
        !!l.bold,
        true,
      ]);
      expect([look, font.includes("<color"), xf.includes('fillId="0"'), xf.includes("wrapText")]).toEqual([
        look,
        !!l.color,
        !l.fill,
        !!l.wrap,
      ]);
      if (l.color) expect(font).toContain(l.color.slice(1).toUpperCase());
      if (l.align) expect(xf).toContain(`horizontal="${l.align.toLowerCase()}"`);
    }
  });

  it("writes text, numbers in their number formats, and neutralises formula-like text", async () => {
    const sheets: Sheet[] = [
      {
        name: "测试",
        rows: [
          [text("标题", "title")],
          [
            "文本",
            num("12.5", "0.00"),
            num("7", "0"),
            num("-0.125", "0.000"),
            { number: "44752.5", format: "yyyy-mm-dd hh:mm", shown: "2022-07-10 12:00" },
          ],
          ['=HYPERLINK("http://evil.example")', "+1", "-1", "@x", "\tTab", "正常"],
          [null, "a&b<c>\"d'", "行\n换", text("-1", "bold")],
        ],
        merges: ["A1:F1"],
        widths: [6, 46],
      },
    ];
    for (const compress of [true, false]) {
      const wb = await readBack(await toXlsx(sheets, { compress }));
      const ws = wb.getWorksheet("测试") as ExcelJS.Worksheet;
      expect(ws).toBeDefined();
      expect(ws.getCell("A1").value).toBe("标题");
      expect(ws.getCell("A1").font?.bold).toBe(true);
      expect(ws.getCell("A1").font?.size).toBe(16);
      expect(ws.getCell("A1").alignment?.horizontal).toBe("center");
      expect(ws.model.merges).toEqual(["A1:F1"]);
      expect(ws.getCell("F1").isMerged).toBe(true);
      expect([ws.getColumn(1).width, ws.getColumn(2).width]).toEqual([6, 46]);
      expect(ws.getCell("B2").value).toBe(12.5);
      expect(ws.getCell("B2").numFmt).toBe("0.00");
      expect(ws.getCell("C2").value).toBe(7);
      expect(ws.getCell("C2").numFmt).toBe("0");
      expect(ws.getCell("D2").value).toBe(-0.125);
      expect(ws.getCell("D2").numFmt).toBe("0.000");
      expect(ws.getCell("E2").value).toEqual(new Date("2022-07-10T12:00:00Z"));
      expect(ws.getCell("E2").numFmt).toBe("yyyy-mm-dd hh:mm");
      expect(ws.getCell("A3").value).toBe('=HYPERLINK("http://evil.example")');
      expect(ws.getCell("A3").type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell("A3").formula).toBeUndefined();
      for (const ref of ["A3", "B3", "C3", "D3", "E3", "F3", "D4"])
        expect(ws.getCell(ref).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell("C3").value).toBe("-1");
      expect(ws.getCell("E3").value).toBe("\tTab");
      expect(ws.getCell("B4").value).toBe("a&b<c>\"d'");
      expect(ws.getCell("C4").value).toBe("行\n换");
      expect(ws.getCell("D4").font?.bold).toBe(true);
    }
  });

  it("marks formula-like text with quotePrefix, the flag behind Excel's apostrophe, keeping its look", async () => {
    const sheets: Sheet[] = [{ name: "S", rows: [["=1+1", "ok", text("-2", "bold")]] }];
    const xml = new TextDecoder().decode(await toXlsx(sheets, { compress: false }));
    expect(xml).toMatch(/<c r="A1" s="\d+" t="inlineStr"><is><t xml:space="preserve">=1\+1<\/t><\/is><\/c>/);
    expect(xml).not.toContain("<f>");
    const parts = partsOf(sheets);
    expect(xfOf(parts, "A1")).toContain('quotePrefix="1"');
    expect(xfOf(parts, "B1")).not.toContain("quotePrefix");
    expect(xfOf(parts, "C1")).toMatch(/fontId="1".*quotePrefix="1"/);
  });

  it("names columns and sheets as Excel requires", () => {
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
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

describe("a report is the form's layout", () => {
  it("Shanghai 附件1: labels, merges, widths and values where buildLayout puts them; 填报单位 filled", async () => {
    const template = published(SH_2014_JQZX);
    const layout = buildLayout(template, { unitName: "浦东新区总工会" });
    const sheets = reportSheets({
      template,
      unit: { code: "sh-pd", name: "浦东新区总工会" },
      status: "submitted",
      values: SH_2014_JQZX_VALUES,
      explanations: {},
      problems: [],
    });
    const wb = await readBack(await toXlsx(sheets));
    expect(wb.worksheets.map((w) => w.name)).toEqual([layout.sheet]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;

    // Item 1: 序号 and label at the addresses of the layout.
    const raised = layout.cells.find((c) => c.key === "raised");
    const row = Number(raised?.address.slice(1));
    const label = layout.texts.find((t) => t.text === "2014 年助学活动共筹集资金");
    expect(label?.address).toBe(`B${row}`);
    expect(ws.getCell(label?.address as string).value).toBe("2014 年助学活动共筹集资金");
    expect(ws.getCell(`A${row}`).value).toBe("1");
    expect(ws.getCell(raised?.address as string).value).toBe(Number(SH_2014_JQZX_VALUES.raised));
    expect(ws.getCell(raised?.address as string).numFmt).toBe(raised?.numberFormat);
    const sub = layout.texts.find((t) => t.text === "其中：各级党委政府资助");
    expect(ws.getCell(sub?.address as string).alignment?.indent).toBe(1);

    expect(ws.getCell("A1").value).toBe("2014年上海工会金秋助学情况统计表");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A2").value).toBe(
      "上海市总工会　沪工总保〔2014〕156号　附件1　填报期间：2014　报送截止：2014-09-01",
    );
    expect(ws.getCell("A3").value).toBe(`状态：${STATUS_LABEL.submitted}`);
    const unitLabel = layout.texts.find((t) => t.text === "填报单位");
    const unitCell = `C${unitLabel?.address.slice(1)}`;
    expect(ws.getCell(unitLabel?.address as string).value).toBe("填报单位");
    expect(ws.getCell(unitCell).value).toBe("浦东新区总工会");
    expect(ws.model.merges).toEqual(layout.merges);
    expect(layout.merges).toContain("A1:D1");
    expect(layout.columnWidths.map((_, i) => ws.getColumn(i + 1).width)).toEqual(layout.columnWidths);
    // Every value where the layout has its cell, numbers as numbers in the cell's format.
    for (const c of layout.cells) {
      const v = SH_2014_JQZX_VALUES[c.key];
      if (v === undefined || c.kind === "header") continue;
      expect([c.key, ws.getCell(c.address).value, ws.getCell(c.address).numFmt]).toEqual([
        c.key,
        Number(v),
        c.numberFormat,
      ]);
    }
  });

  it.each(FILLED_FORMS.map((f) => [f.templateId, f] as const))(
    "%s: every text of the layout at its address, every merge",
    async (id, fixture) => {
      const template = published(OFFICIAL_TEMPLATES.find((t) => t.id === id) as TemplateInput);
      const sheets = reportSheets({
        template,
        unit: XIUNING,
        status: "draft",
        values: fixture.values,
        explanations: {},
        problems: [],
      });
      const rosters = Object.fromEntries(
        template.sections
          .filter((s) => s.kind === "roster")
          .map((s) => [
            s.key,
            new Set(
              Object.keys(fixture.values)
                .filter((k) => k.startsWith(`${s.key}.`))
                .map((k) => k.split(".")[1]),
            ).size,
          ]),
      );
      const layout = buildLayout(template, { unitName: XIUNING.name, rosterRows: rosters });
      const ws = (await readBack(await toXlsx(sheets))).worksheets[0] as ExcelJS.Worksheet;
      for (const t of layout.texts) expect([t.address, ws.getCell(t.address).value]).toEqual([t.address, t.text]);
      expect(ws.model.merges).toEqual(layout.merges);
      for (const c of layout.cells) {
        const v = fixture.values[c.key];
        if (v === undefined) continue;
        const want = c.valueType === "integer" || c.valueType === "decimal" ? Number(v) : v;
        expect([c.key, ws.getCell(c.address).value]).toEqual([c.key, want]);
      }
    },
  );

  it("Huangshan need: header fields, grid and items as the form prints them; 上报说明 below, never a formula", async () => {
    const template = published(HS_2022_NEED);
    const sheets = reportSheets({
      template,
      unit: XIUNING,
      status: "submitted",
      values: HS_2022_NEED_VALUES,
      explanations: { "fund-gap": "=已与县财政沟通" },
      problems: [{ id: "fund-gap", ruleId: "fund-gap", severity: "warning", cells: ["demand.total"], message: "缺口" }],
    });
    const layout = buildLayout(template, { unitName: XIUNING.name });
    const wb = await readBack(await toXlsx(sheets));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["金秋助学资金需求情况汇总表"]);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell("A1").value).toBe("金秋助学资金需求情况汇总表");
    expect(ws.getCell("A2").value).toBe("黄山市总工会　黄工办〔2022〕20号　填报期间：2022　报送截止：2022-07-15");
    expect([rowValues(ws, 4, 2), rowValues(ws, 5, 2), rowValues(ws, 6, 2)]).toEqual([
      ["填报单位", "休宁县总工会"],
      ["填报人", "方敏"],
      ["联系电话", "0559-2512345"],
    ]);

    const demandTotal = layout.cells.find((c) => c.key === "demand.total");
    const demandRow = Number(demandTotal?.address.slice(1));
    expect(rowValues(ws, demandRow - 4)).toEqual([
      "序号",
      "项目",
      "合计",
      "学前教育",
      "义务教育",
      "高中阶段教育（含中等职业教育）",
      "普通高等教育（含高职、大专）",
      "特殊教育（残疾儿童）",
      "单位",
    ]);
    expect(rowValues(ws, demandRow)).toEqual(["2", "助学资金需求", 42.9, 1.2, 9.6, 8.7, 22.2, 1.2, "万元"]);
    expect(ws.getCell(demandTotal?.address as string).numFmt).toBe("0.00");
    const applicants = layout.cells.find((c) => c.key === "applicants.total");
    expect(ws.getCell(applicants?.address as string).value).toBe(246);
    expect(ws.getCell(applicants?.address as string).numFmt).toBe("0");
    const higher = layout.cells.find((c) => c.key === "prov_higher")?.address as string;
    expect([
      ws.getCell(higher).value,
      ws.getCell(`D${higher.slice(1)}`).value,
      ws.getCell(`B${higher.slice(1)}`).value,
    ]).toEqual([36, "人", "非建档困难职工家庭高校在读学生"]);

    // The 上报说明 list two rows below the form, as the consolidated sheet lists them.
    const top = layout.rows + 2;
    expect(rowValues(ws, top)).toEqual(["上报说明（1 条）"]);
    expect(rowValues(ws, top + 1)).toEqual(["序号", "单位：说明", "所在项目", "所答提示"]);
    // The warning the note answers stands beside it, as the report's problems word it.
    expect(rowValues(ws, top + 2)).toEqual([
      1,
      "休宁县总工会：=已与县财政沟通",
      `${demandTotal?.where}（fund-gap）`,
      "缺口",
    ]);
    expect(ws.getCell(`B${top + 2}`).formula).toBeUndefined();
  });

  it("a roster with as many rows as the report has; 身份证号 stays text, amounts are numbers", async () => {
    const template = published(HS_2022_ROSTER);
    const sheets = reportSheets({
      template,
      unit: XIUNING,
      status: "draft",
      values: HS_2022_ROSTER_VALUES,
      explanations: {},
      problems: [],
    });
    const ws = (await readBack(await toXlsx(sheets))).worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell("A3").value).toBe(`状态：${STATUS_LABEL.draft}`);
    const rows = new Set(
      Object.keys(HS_2022_ROSTER_VALUES)
        .filter((k) => k.startsWith("roster."))
        .map((k) => k.split(".")[1]),
    );
    expect(rows.size).toBe(5);
    const layout = buildLayout(template, { unitName: XIUNING.name, rosterRows: { roster: rows.size } });
    const roster = layout.rosters.find((l) => l.key === "roster");
    if (!roster) throw new Error("no roster");
    expect(roster.rowCount).toBe(5);
    const id = roster.columns.find((c) => c.label === "身份证号");
    const amount = roster.columns.find((c) => c.label === "助学金额");
    expect(rowValues(ws, roster.headerRow).slice(0, roster.columns.length + 1)).toEqual([
      "序号",
      ...roster.columns.map((c) => c.label),
    ]);
    [...rows].forEach((rowId, i) => {
      const r = ws.getRow(roster.firstRow + i);
      // 序号 as printed: 1, 2, 3…, a number, not a formula.
      expect(r.getCell(1).value).toBe(i + 1);
      expect(r.getCell(2).value).toBe(HS_2022_ROSTER_VALUES[`roster.${rowId}.name`]);
      expect(r.getCell(id?.col as number).type).toBe(ExcelJS.ValueType.String);
      expect(String(r.getCell(id?.col as number).value)).toMatch(/^\d{17}[\dX]$/);
      expect(r.getCell(amount?.col as number).value).toBe(Number(HS_2022_ROSTER_VALUES[`roster.${rowId}.amount`]));
      expect(r.getCell(amount?.col as number).numFmt).toBe("0.00");
    });
    // Right below the last row: what the layout places after the roster.
    const next = layout.texts.find((t) => Number(t.address.slice(1)) === roster.firstRow + roster.rowCount + 1);
    expect(next && ws.getCell(next.address).value).toBe(next?.text);
  });
});

describe("a consolidation is the officer's sheets", () => {
  it("reads back the consolidated form, the matrix, the status sheet and the problems on the totals", async () => {
    const template = published(HS_2022_NEED);
    // What the positional read of db/consolidation-reads.ts returns: values in matrix cell order.
    const numeric = (values: Record<string, string>) =>
      matrixKeys(template)
        .map((key) => values[key] ?? "")
        .join(",");
    const second = { ...HS_2022_NEED_VALUES, prov_higher: "4", plan_social: "0.15" };
    const rows: ConsolidationRows = {
      reports: [
        {
          id: 1,
          unit: "hs-tunxi",
          name: "屯溪区总工会",
          status: "submitted",
          late: 0,
          submitted_at: "2022-07-10T02:00:00.000Z",
          notes: '{"fund-gap":"-已与县财政沟通"}',
          errors: 0,
          warnings: 1,
          unexplained: 0,
          v: numeric(HS_2022_NEED_VALUES),
        },
        {
          id: 2,
          unit: "hs-xiuning",
          name: "休宁县总工会",
          status: "approved",
          late: 1,
          submitted_at: "2022-07-16T02:00:00.000Z",
          notes: "{}",
          errors: 0,
          warnings: 0,
          unexplained: 0,
          v: numeric(second),
        },
        {
          id: 3,
          unit: "hs-qimen",
          name: "祁门县总工会",
          status: "draft",
          late: 0,
          submitted_at: null,
          notes: "{}",
          errors: null,
          warnings: null,
          unexplained: null,
          v: null,
        },
      ],
      statusCounts: null,
      sums: null,
      rosterRows: [],
      rosterColumns: [],
      rosterCells: [],
      noteCells: Object.entries(HS_2022_NEED_VALUES).map(([cell, value]) => ({ id: 1, cell, value })),
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
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      consolidatedSheetName(template),
      MATRIX_SHEET,
      STATUS_SHEET,
      "审核提示",
    ]);

    // The consolidated form: the filler's layout, read-only, with the node's totals.
    const layout = consolidatedLayout(template, "黄山市总工会");
    const summary = wb.getWorksheet(consolidatedSheetName(template)) as ExcelJS.Worksheet;
    for (const t of layout.texts) expect([t.address, summary.getCell(t.address).value]).toEqual([t.address, t.text]);
    expect(summary.model.merges).toEqual(layout.merges);
    expect(summary.getCell("C4").value).toBe("黄山市总工会（汇总）");
    expect(summary.getCell("A3").value).toBe("最后更新：2022-07-20 08:00:00　汇总范围：已上报、已审核");
    for (const c of layout.cells) {
      const total = body.totals[c.key];
      if (total === undefined) continue;
      expect([c.key, summary.getCell(c.address).value, summary.getCell(c.address).numFmt]).toEqual([
        c.key,
        Number(total),
        c.numberFormat,
      ]);
      expect(summary.getCell(c.address).font?.bold).toBe(true);
    }
    const higher = layout.cells.find((c) => c.key === "prov_higher")?.address as string;
    expect(summary.getCell(higher).value).toBe(40);
    // Its 上报说明 list below the form, the note on the cell of the warning it explains.
    const gap = layout.cells.find((c) => c.key === "demand.total");
    const note = rowValues(summary, layout.rows + 4);
    expect(note.slice(0, 3)).toEqual([1, "屯溪区总工会：-已与县财政沟通", `${gap?.where}（fund-gap）`]);
    // The warning it answers, recomputed on the unit's own values: these no longer break it.
    expect(note[3]).toBe("（该提示已不再出现）");

    const matrix = wb.getWorksheet(MATRIX_SHEET) as ExcelJS.Worksheet;
    expect(matrix.getCell("A1").value).toBe("金秋助学资金需求情况汇总表　分单位明细（黄山市总工会）");
    expect(matrix.getCell("A2").value).toBe("最后更新：2022-07-20 08:00:00");
    expect(matrix.getCell("D3").value).toBe("各单位数值");
    expect(rowValues(matrix, 4)).toEqual([
      "序号",
      "项目",
      "单位",
      "屯溪区总工会",
      "休宁县总工会",
      "祁门县总工会",
      "合计",
    ]);
    const matrixRows = numericCells(template);
    expect(body.matrix?.cells).toEqual(matrixRows.map((r) => r.cell));
    const social = 5 + matrixRows.findIndex((r) => r.cell === "plan_social");
    expect(rowValues(matrix, social)).toEqual(["10", "已落实的社会捐助资金", "万元", 8.5, 0.15, undefined, 8.65]);
    expect(matrix.getCell(`D${social}`).numFmt).toBe("0.00");
    expect(matrix.getCell(`G${social}`).font?.bold).toBe(true);
    expect(matrix.getCell(`G${social}`).formula).toBeUndefined();
    expect(matrix.getCell(`B${5 + matrixRows.findIndex((r) => r.cell === "demand.total")}`).value).toBe(
      "助学资金需求（合计）",
    );
    expect(matrix.rowCount).toBe(4 + matrixRows.length);

    const status = wb.getWorksheet(STATUS_SHEET) as ExcelJS.Worksheet;
    expect(status.getCell("A1").value).toBe("金秋助学资金需求情况汇总表填报情况");
    expect(status.getCell("A3").value).toBe(
      "应报 3 家，已上报 2 家（其中已审核 1 家），已退回 0 家，未上报 1 家，逾期 2 家",
    );
    expect(rowValues(status, 4)).toEqual(STATUS_COLUMNS.map((c) => c.header));
    expect(rowValues(status, 5).slice(0, 2)).toEqual(["屯溪区总工会", STATUS_LABEL.submitted]);
    expect(rowValues(status, 6).slice(0, 2)).toEqual(["休宁县总工会", STATUS_LABEL.approved]);
    expect(rowValues(status, 7)).toEqual([
      "祁门县总工会",
      STATUS_LABEL.draft,
      undefined,
      "是",
      undefined,
      undefined,
      0,
    ]);
    // Submit time as a date-time in China time, problem counts blank where the unit was never checked.
    expect(status.getCell("C5").value).toEqual(new Date("2022-07-10T10:00:00Z"));
    expect(status.getCell("C5").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect([status.getCell("E5").value, status.getCell("F5").value, status.getCell("G5").value]).toEqual([0, 1, 1]);
    expect([cells(status).get("E7"), cells(status).get("F7")]).toEqual([undefined, undefined]);

    const problems = wb.getWorksheet("审核提示") as ExcelJS.Worksheet;
    expect(rowValues(problems, 1)).toEqual(["规则", "级别", "提示"]);
    expect(body.problems.map((p) => p.ruleId)).toContain("fund-gap");
    const gapRow = 2 + body.problems.findIndex((p) => p.ruleId === "fund-gap");
    expect(rowValues(problems, gapRow).slice(0, 2)).toEqual(["fund-gap", "警告"]);
  });
});
