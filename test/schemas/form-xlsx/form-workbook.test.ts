import type ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { IDENTITY_SHEET, FORM_FORMAT, layoutDigest, parseIdentity } from "../../../schemas/layout/form/identity";
import { buildLayout } from "../../../schemas/layout/form/layout";
import { CHECK_SHEET, ruleChecks } from "../../../schemas/layout/form/rule-checks";
import { compiledOf } from "../../../worker/forms/form-workbook";
import { COLORS } from "../../../schemas/layout/colors";
import { rosterIdNo } from "../../addin/roster-fixture";
import { SH_2014_JQZX_VALUES } from "../fixtures/filled";
import { edgeTemplate, LONG_OPTIONS } from "../fixtures/templates";
import { parseXml, type XmlElement } from "../../manifest/strict-xml";
import { drawn, huangshanRoster, official, OFFICIAL, request, XIUNING } from "./form-files";

/**
 * form.xlsx as a spreadsheet sees it (exceljs reads the bytes the Worker
 * sends): the one shared layout with its values, input cells unlocked on a
 * protected sheet, data validations with prompts and stop alerts, rosters as
 * tables with room to grow, computed items and 序号 as formulas, the rule
 * checks, and the hidden identity sheet an upload starts from.
 */

/** CT_Worksheet's children in schema order (ECMA-376 Part 1 §18.3.1.99), those the writer may write. */
const WORKSHEET_ORDER = [
  "cols",
  "sheetData",
  "sheetProtection",
  "mergeCells",
  "conditionalFormatting",
  "dataValidations",
  "tableParts",
];

/** What exceljs reads but does not type. */
function protectionOf(ws: ExcelJS.Worksheet): { sheet?: boolean } | undefined {
  return (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
}

function conditionalFormatsOf(ws: ExcelJS.Worksheet): { ref: string; rules: unknown[] }[] {
  return (ws as unknown as { conditionalFormattings: { ref: string; rules: unknown[] }[] }).conditionalFormattings;
}

function identityOf(book: ExcelJS.Workbook): Map<string, string> {
  const ws = book.getWorksheet(IDENTITY_SHEET) as ExcelJS.Worksheet;
  const pairs = new Map<string, string>();
  ws.eachRow((row) => pairs.set(String(row.getCell(1).value), String(row.getCell(2).value ?? "")));
  return pairs;
}

describe("form.xlsx of every official form", () => {
  for (const template of OFFICIAL) {
    it(`${template.id}: well-formed parts, a protected form, 校验结果, the hidden identity`, async () => {
      const form = await drawn(request(template));
      for (const [name, text] of form.parts) {
        const root = parseXml(text);
        if (name.startsWith("xl/worksheets/sheet")) {
          const order = root.children.map((c: XmlElement) => WORKSHEET_ORDER.indexOf(c.name));
          expect(
            order.every((k) => k >= 0),
            `${name}: ${root.children.map((c) => c.name).join(",")}`,
          ).toBe(true);
          expect(order).toEqual([...order].sort((a, b) => a - b));
        }
      }
      // Formulas come without cached values: the workbook asks to compute them on open.
      const formulas = [...form.parts.values()].some((text) => text.includes("<f>"));
      expect(form.parts.get("xl/workbook.xml")?.includes('<calcPr fullCalcOnLoad="1"/>')).toBe(formulas);
      if (form.layout.rosters.length > 0) expect(formulas).toBe(true);
      const [sheet, checks, identity] = form.book.worksheets as [
        ExcelJS.Worksheet,
        ExcelJS.Worksheet,
        ExcelJS.Worksheet,
      ];
      expect([sheet.name, checks.name, identity.name]).toEqual([form.layout.sheet, CHECK_SHEET, IDENTITY_SHEET]);
      expect([sheet.state, checks.state, identity.state]).toEqual(["visible", "visible", "hidden"]);
      for (const ws of [sheet, checks, identity]) expect(protectionOf(ws)?.sheet).toBe(true);
      // 填报单位 comes from the unit, in its locked cell.
      const unitCell = form.layout.cells.find((c) => c.key === "header.unit");
      if (unitCell) expect(sheet.getCell(unitCell.address).value).toBe(XIUNING.name);
      const parsed = parseIdentity(identityOf(form.book));
      expect(parsed).toEqual({
        ok: true,
        identity: {
          format: FORM_FORMAT,
          templateId: template.id,
          templateVersion: template.version,
          round: "2022-hs",
          unit: XIUNING.code,
          unitName: XIUNING.name,
          reportVersion: 7,
          sheet: form.layout.sheet,
          rosterRows: Object.fromEntries(form.layout.rosters.map((r) => [r.key, 50])),
          layoutDigest: await layoutDigest(form.layout),
        },
      });
      // The digest is the layout's as an upload rebuilds it from the identity.
      const rebuilt = buildLayout(template, { unitName: XIUNING.name, rosterRows: form.identity.rosterRows });
      expect(await layoutDigest(rebuilt)).toBe(form.identity.layoutDigest);
      // Every rule has its line on 校验结果, by its id (compiled or 上传后检查).
      const listed = new Set<string>();
      checks.eachRow((row) => row.eachCell((c) => listed.add(String(c.value))));
      for (const rule of ruleChecks(compiledOf(template), form.layout).rules) expect(listed).toContain(rule.id);
    });
  }
});

describe("the Huangshan roster form", () => {
  const template = official("hs-2022-roster");

  it("draws the roster as a table over its rows and 50 more, 序号 a formula in every row", async () => {
    const form = await drawn(request(template, huangshanRoster(3)));
    const roster = form.layout.rosters[0];
    if (!roster) throw new Error("no roster");
    expect(roster.rowCount).toBe(53);
    expect(form.identity.rosterRows).toEqual({ roster: 53 });
    const ws = form.book.worksheets[0] as ExcelJS.Worksheet;
    const tables = ws.getTables() as unknown as {
      table: { name: string; tableRef: string; columns: { name: string }[] };
    }[];
    expect(tables.map((t) => [t.table.name, t.table.tableRef])).toEqual([
      [roster.tableName, `A${roster.headerRow}:O${roster.firstRow + 52}`],
    ]);
    const headers = (tables[0] as (typeof tables)[number]).table.columns.map((c) => c.name);
    expect(headers).toEqual(["序号", ...roster.columns.map((c) => c.label)]);
    for (let col = 1; col <= headers.length; col++)
      expect(ws.getCell(roster.headerRow, col).value).toBe(headers[col - 1]);
    // R1C1 in the layout, A1 in the file: each row reads its own cells and the 序号 above.
    const r = roster.firstRow;
    expect(ws.getCell(`A${r}`).formula).toBe(`IF(COUNTA($B${r}:$O${r})=0,-ABS(N(A${r - 1})),ABS(N(A${r - 1}))+1)`);
    expect(ws.getCell(`A${r + 52}`).formula).toBe(
      `IF(COUNTA($B${r + 52}:$O${r + 52})=0,-ABS(N(A${r + 51})),ABS(N(A${r + 51}))+1)`,
    );
    expect(ws.getCell(`A${r + 53}`).formula).toBeUndefined();
    // The values by position, 身份证号 as text in a "@" cell, numbers as numbers.
    expect(ws.getCell(`C${r}`).value).toBe(rosterIdNo(1));
    expect(ws.getCell(`C${r}`).numFmt).toBe("@");
    expect(ws.getCell(`L${r + 2}`).value).toBe(1500);
    expect(ws.getCell(`C${r + 40}`).numFmt).toBe("@");
    expect(ws.getCell(`C${r + 40}`).value).toBeNull();
  });

  it("unlocks exactly the input cells, in the input colour", async () => {
    const form = await drawn(request(template, huangshanRoster(2)));
    const ws = form.book.worksheets[0] as ExcelJS.Worksheet;
    const roster = form.layout.rosters[0];
    if (!roster) throw new Error("no roster");
    const unlocked = (address: string) => ws.getCell(address).protection?.locked === false;
    for (const c of form.layout.cells) expect(unlocked(c.address), c.key).toBe(!c.locked);
    for (const t of form.layout.texts) expect(unlocked(t.address), t.text).toBe(false);
    expect(unlocked(`B${roster.firstRow + 30}`)).toBe(true);
    expect(unlocked(`A${roster.firstRow}`)).toBe(false);
    const fill = ws.getCell(`B${roster.firstRow}`).fill as ExcelJS.FillPattern;
    expect(fill.fgColor?.argb).toBe(`FF${COLORS.input.slice(1)}`);
    expect(form.parts.get("xl/worksheets/sheet1.xml")).toContain(
      '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" autoFilter="0"/>',
    );
  });

  it("writes computed items as formulas over the roster's table", async () => {
    const form = await drawn(request(template, huangshanRoster(2)));
    const ws = form.book.worksheets[0] as ExcelJS.Worksheet;
    const computed = form.layout.cells.filter((c) => c.formula);
    expect(computed.map((c) => c.key)).toEqual(["total_persons", "total_amount", "prov_persons", "prov_amount"]);
    for (const c of computed) {
      expect(ws.getCell(c.address).formula).toBe(c.formula?.excel.slice(1));
      expect(ws.getCell(c.address).protection?.locked).not.toBe(false);
    }
    const t = form.layout.rosters[0]?.tableName;
    expect(ws.getCell(computed[3]?.address as string).formula).toBe(
      `ROUND(SUMIFS(${t}[助学金额],${t}[资金来源],"=省总经费"),2)`,
    );
  });

  it("sets the layout's data validations: types, bounds, lists, prompts and stop alerts", async () => {
    const form = await drawn(request(template));
    const ws = form.book.worksheets[0] as ExcelJS.Worksheet;
    const r = (form.layout.rosters[0]?.firstRow ?? 0) + 10;
    const idno = ws.getCell(`C${r}`).dataValidation;
    expect(idno).toMatchObject({ type: "textLength", operator: "equal", formulae: [18], allowBlank: true });
    expect(idno).toMatchObject({ showInputMessage: true, showErrorMessage: true, errorStyle: "stop" });
    expect(idno.promptTitle).toBe("身份证号");
    expect(idno.prompt).toContain("18 位身份证号");
    expect(idno.errorTitle).toBe("汇表：输入有误");
    const source = ws.getCell(`K${r}`).dataValidation;
    expect(source).toMatchObject({ type: "list", formulae: ['"省总经费,市县工会帮扶资金,社会捐助,其他"'] });
    // A money column with 2 decimals: a custom formula says what the built-in decimal type cannot.
    expect(ws.getCell(`L${r}`).dataValidation).toMatchObject({ type: "custom" });
    for (const v of form.layout.validations) {
      const first = v.range.split(":")[0] as string;
      const dv = ws.getCell(first).dataValidation;
      expect(dv.promptTitle, v.range).toBe(v.prompt.title);
      expect(dv.prompt, v.range).toBe(v.prompt.message);
      expect(dv.error, v.range).toBe(v.alert.message);
    }
  });

  it("prepares 2,050 rows for a roster of 2,000", { timeout: 120_000 }, async () => {
    const form = await drawn(request(template, huangshanRoster(2000)));
    expect(form.identity.rosterRows).toEqual({ roster: 2050 });
    const ws = form.book.worksheets[0] as ExcelJS.Worksheet;
    const roster = form.layout.rosters[0];
    if (!roster) throw new Error("no roster");
    expect(ws.getCell(`B${roster.firstRow + 1999}`).value).toBe(huangshanRoster(2000)["roster.r2000.name"]);
    expect(ws.getCell(`B${roster.firstRow + 2049}`).protection?.locked).toBe(false);
  });
});

describe("form.xlsx details", () => {
  it("keeps long dropdown lists in hidden columns and writes dates as serials", async () => {
    const template = edgeTemplate();
    const form = await drawn(
      request(template, { "roster.r0001.paid": "2022-09-01", "roster.r0001.district": "第3号街道工会联合会" }),
    );
    const ws = form.book.worksheets[0] as ExcelJS.Worksheet;
    const [hidden] = form.layout.hiddenSources;
    if (!hidden) throw new Error("no hidden source");
    expect(ws.getColumn(hidden.col).hidden).toBe(true);
    expect(ws.getCell(1, hidden.col).value).toBe(LONG_OPTIONS[0]);
    expect(ws.getCell(LONG_OPTIONS.length, hidden.col).value).toBe(LONG_OPTIONS.at(-1));
    const roster = form.layout.rosters[0];
    if (!roster) throw new Error("no roster");
    // maxRows 3: room to grow stops there.
    expect(roster.rowCount).toBe(3);
    expect(ws.getCell(roster.firstRow, 2).dataValidation).toMatchObject({ type: "list", formulae: [hidden.range] });
    const paid = ws.getCell(roster.firstRow, 5);
    expect(paid.numFmt).toBe("yyyy-mm-dd");
    expect(paid.value).toEqual(new Date(Date.UTC(2022, 8, 1)));
    expect(paid.dataValidation).toMatchObject({ type: "date", operator: "greaterThanOrEqual" });
    // Excel's serial of 1900-01-01 (exceljs reads serials without Excel's phantom 1900-02-29, as 1899-12-31).
    expect(form.parts.get("xl/worksheets/sheet1.xml")).toMatch(
      /<dataValidation type="date"[^>]*><formula1>1<\/formula1>/,
    );
  });

  it("places roster values by their canonical row id only, within the prepared rows", async () => {
    const values = {
      "roster.r0001.idno": "110101199003070011",
      "roster.r1.idno": "110101199003070022",
      "roster.r0004.idno": "110101199003070033",
      "roster.r0002.nothing": "x",
    };
    const form = await drawn(request(edgeTemplate(), values));
    const roster = form.layout.rosters[0];
    if (!roster) throw new Error("no roster");
    const sheet = form.parts.get("xl/worksheets/sheet1.xml") ?? "";
    expect((form.book.worksheets[0] as ExcelJS.Worksheet).getCell(roster.firstRow, 3).value).toBe(
      values["roster.r0001.idno"],
    );
    // r1 is not a position (the add-in has no place for it either); r0004 is past maxRows 3.
    expect(sheet).not.toContain(values["roster.r1.idno"]);
    expect(sheet).not.toContain(values["roster.r0004.idno"]);
    expect(sheet).not.toContain(">x<");
  });

  it("flags the 其中 sums in red and renders any rule checks it is given", async () => {
    const template = official("sh-2014-jqzx");
    const form = await drawn(
      request(template, SH_2014_JQZX_VALUES, {
        checks: (_compiled, layout) => ({
          formats: [
            { range: "C9:C10", formula: "C9>100", severity: "warning" },
            { range: "C12,C14", formula: 'AND(C12<>"",C12<0)', severity: "error" },
          ],
          formCells: [{ address: "F9", formula: 'IF(C9>100,"偏高","")', style: "label" }],
          sheet: {
            name: CHECK_SHEET,
            cells: [
              { address: "A1", text: `${layout.title} 校验结果`, style: "title" },
              { address: "A2", text: "R1", style: "label" },
              { address: "B2", formula: `IF('${layout.sheet}'!C9>100,"第 1 项偏高","通过")`, style: "label" },
            ],
            widths: [16, 60],
            merges: ["A1:B1"],
          },
          rules: [],
        }),
      }),
    );
    const ws = form.book.worksheets[0] as ExcelJS.Worksheet;
    const formats = conditionalFormatsOf(ws).map((f) => ({
      ref: f.ref,
      formula: (f.rules[0] as { formulae?: string[] }).formulae?.[0],
      fill: (f.rules[0] as { style?: { fill?: { bgColor?: { argb?: string } } } }).style?.fill?.bgColor?.argb,
    }));
    const red = `FF${COLORS.error.slice(1)}`;
    for (const rule of form.layout.sumRules)
      expect(formats).toContainEqual(expect.objectContaining({ formula: rule.brokenFormula.slice(1), fill: red }));
    expect(formats).toContainEqual({ ref: "C9:C10", formula: "C9>100", fill: `FF${COLORS.warning.slice(1)}` });
    // A multi-area range is a space-separated sqref in the file.
    expect(formats).toContainEqual({ ref: "C12 C14", formula: 'AND(C12<>"",C12<0)', fill: red });
    expect(ws.getCell("F9").formula).toBe('IF(C9>100,"偏高","")');
    expect(ws.getColumn("F").width).toBe(40);
    const checks = form.book.getWorksheet(CHECK_SHEET) as ExcelJS.Worksheet;
    expect(checks.getCell("B2").formula).toBe(`IF('${form.layout.sheet}'!C9>100,"第 1 项偏高","通过")`);
    expect(checks.getCell("A1").isMerged).toBe(true);
  });

  it("leaves a 其中 sum the rule checks compiled to them: one red rule per broken sum, not two", async () => {
    const form = await drawn(request(official("sh-2014-jqzx"), SH_2014_JQZX_VALUES));
    const formulas = conditionalFormatsOf(form.book.worksheets[0] as ExcelJS.Worksheet).map(
      (f) => (f.rules[0] as { formulae?: string[] }).formulae?.[0],
    );
    expect(form.layout.sumRules.length).toBeGreaterThan(0);
    for (const rule of form.layout.sumRules) {
      expect(formulas).not.toContain(rule.brokenFormula.slice(1));
      expect(formulas.filter((f) => f?.includes(`$D$`))).not.toHaveLength(0);
    }
  });
});
