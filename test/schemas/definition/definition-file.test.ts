import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { readDefinition } from "../../../schemas/definition/read";
import { templateToDefinition } from "../../../schemas/definition/write";
import { OFFICIAL_TEMPLATES, SH_2014_YGJY } from "../../../schemas/forms";
import { Template } from "../../../schemas/template";
import { definitionXlsx, readDefinitionFile } from "../../../worker/templates/definition-file";
import { convert } from "../../soffice";

/**
 * definition.xlsx as an officer's spreadsheet leaves it: saved again by
 * LibreOffice (as WPS or Excel would), and edited cell by cell (exceljs, as
 * Excel writes). The Worker's reader must read the same template back.
 */
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const OFFICIAL = OFFICIAL_TEMPLATES.map((t) => Template.parse(t));

describe("definition.xlsx in a real spreadsheet", () => {
  it("reads back the same template after LibreOffice opens and saves it, for every official form", async () => {
    dir = await mkdtemp(join(tmpdir(), "huibiao-definition-"));
    const paths: string[] = [];
    for (const t of OFFICIAL) {
      const path = join(dir, `${t.id}.xlsx`);
      await writeFile(path, await definitionXlsx(templateToDefinition(t)));
      paths.push(path);
    }
    const saved = await convert(paths, "xlsx", join(dir, "saved"));
    for (const [i, t] of OFFICIAL.entries()) {
      const book = await readDefinitionFile(new Uint8Array(await readFile(saved[i] as string)));
      const read = readDefinition(book);
      expect(read.ok ? read.template : read.issues, t.id).toStrictEqual(t);
    }
  }, 240_000);

  it("reads an officer's edits made in the spreadsheet: a new version, a unit changed, a rule added", async () => {
    const ygjy = Template.parse(SH_2014_YGJY);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await definitionXlsx(templateToDefinition(ygjy))) as unknown as ExcelJS.Buffer);
    const form = workbook.getWorksheet("表单");
    const items = workbook.getWorksheet("项目");
    const rules = workbook.getWorksheet("规则");
    if (!form || !items || !rules) throw new Error("definition sheets missing");
    form.getCell("B3").value = 2; // 版本: typed as a number, as Excel keeps it
    form.getCell("B9").value = new Date(Date.UTC(2015, 8, 1)); // 报送截止: a real date cell
    const loan = items.getColumn(3).values.indexOf("loan_amount");
    items.getCell(loan, 6).value = "万元";
    rules.addRow(["grads-cap", null, "grads <= 100000", "警告", "毕业生人数 {grads} 超过 10 万，请核实"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const read = readDefinition(await readDefinitionFile(bytes));
    if (!read.ok) expect.fail(read.issues.map((i) => i.message).join("\n"));
    expect(read.template.version).toBe(2);
    expect(read.template.dueDate).toBe("2015-09-01");
    const main = read.template.sections[0];
    expect(main?.kind === "items" && main.items.find((i) => i.key === "loan_amount")?.unit).toBe("万元");
    expect(read.template.rules.at(-1)).toEqual({
      id: "grads-cap",
      expr: "grads <= 100000",
      severity: "warning",
      message: "毕业生人数 {grads} 超过 10 万，请核实",
    });
  });
});
