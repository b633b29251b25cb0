import { XlsxError } from "./errors";
import { readLimits, type ReadLimits } from "./limits";
import { parseRels, relsPathOf, type Relationship } from "./opc";
import { readWorksheet, type SheetContext } from "./read-sheet";
import { readCellFormats } from "./read-styles";
import { readSharedStrings, unescapeXstring } from "./read-strings";
import { ZipArchive } from "./unzip";
import type { ReadSheet, ReadTable, ReadWorkbook } from "./workbook";
import { XmlCursor } from "./xml";

/**
 * Reads an .xlsx (SpreadsheetML, ECMA-376 Part 1 §18) as the Worker's upload
 * routes need it: sheets in workbook order with their state, cell values (the
 * cached results of formulas), number formats, tables. Runs in Workers (no
 * Node APIs, no DOM): unzip.ts and xml.ts are its own. Refuses with an
 * XlsxError — never a half-read workbook.
 */
export interface ReadOptions {
  /**
   * Sheets left unread (kept in the order by name and state, with no cells):
   * their parts are never inflated nor held to the cell and formula limits. An
   * upload skips the sheets it only ever wrote, such as a form's 校验结果 sheet,
   * whose shared roster formulas are ~20 MB of text once copied into 2,000 rows.
   */
  skipSheet?: (name: string) => boolean;
}

export async function readXlsx(
  bytes: Uint8Array,
  overrides: Partial<ReadLimits> = {},
  options: ReadOptions = {},
): Promise<ReadWorkbook> {
  const limits = readLimits(overrides);
  const zip = ZipArchive.open(bytes, limits);
  const workbookPart = await findWorkbook(zip);
  const workbookXml = await zip.text(workbookPart);
  if (workbookXml === undefined) throw new XlsxError("not_xlsx", `no ${workbookPart}`);
  const { sheets, date1904 } = readWorkbookPart(workbookXml, workbookPart);
  const rels = await relsOf(zip, workbookPart);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const partOf = (kind: string): string | undefined => rels.find((r) => r.kind === kind && !r.external)?.target;

  const stringsPart = partOf("sharedStrings");
  const stylesPart = partOf("styles");
  const stringsXml = stringsPart === undefined ? undefined : await zip.text(stringsPart);
  const stylesXml = stylesPart === undefined ? undefined : await zip.text(stylesPart);
  const context: SheetContext = {
    strings: stringsXml === undefined ? [] : readSharedStrings(stringsXml, stringsPart as string),
    formats: stylesXml === undefined ? [] : readCellFormats(stylesXml, stylesPart as string),
    date1904,
    budget: { cells: limits.maxCells, formulaChars: limits.maxFormulaChars },
  };

  const out: ReadSheet[] = [];
  for (const sheet of sheets) {
    const rel = byId.get(sheet.rid);
    if (!rel || rel.external) throw new XlsxError("corrupt", `sheet ${sheet.name} has no part`);
    const read: ReadSheet = { name: sheet.name, state: sheet.state, cells: new Map(), tables: [] };
    if (rel.kind === "worksheet" && !options.skipSheet?.(sheet.name)) {
      const xml = await zip.text(rel.target);
      if (xml === undefined) throw new XlsxError("corrupt", `no ${rel.target}`);
      read.cells = readWorksheet(xml, rel.target, context);
      read.tables = await readTables(zip, rel.target);
    }
    // Chart sheets and dialog sheets keep their place in the order, with no cells.
    out.push(read);
  }
  return { sheets: out, date1904 };
}

async function relsOf(zip: ZipArchive, part: string): Promise<Relationship[]> {
  const xml = await zip.text(relsPathOf(part));
  return xml === undefined ? [] : parseRels(xml, part);
}

/**
 * The workbook part: the package's officeDocument relationship (OPC §9.3),
 * else what [Content_Types].xml declares as a workbook, else the usual name.
 * A .docx or .pptx points elsewhere and is refused here.
 */
async function findWorkbook(zip: ZipArchive): Promise<string> {
  const main = (await relsOf(zip, "")).find((r) => r.kind === "officeDocument" && !r.external);
  if (main) {
    if (!zip.has(main.target)) throw new XlsxError("corrupt", `no ${main.target}`);
    return main.target;
  }
  const types = await zip.text("[Content_Types].xml");
  if (types !== undefined) {
    const cursor = new XmlCursor(types, "[Content_Types].xml");
    for (let token = cursor.next(); token !== "end"; token = cursor.next()) {
      const { PartName, ContentType } = cursor.attrs;
      if (
        token === "open" &&
        cursor.name === "Override" &&
        PartName &&
        /\.(sheet|template)(\.macroEnabled)?\.main\+xml$/.test(ContentType ?? "")
      )
        return PartName.replace(/^\//, "");
    }
  }
  if (zip.has("xl/workbook.xml")) return "xl/workbook.xml";
  throw new XlsxError("not_xlsx", "no workbook part");
}

interface SheetEntry {
  name: string;
  rid: string;
  state: ReadSheet["state"];
}

function readWorkbookPart(xml: string, part: string): { sheets: SheetEntry[]; date1904: boolean } {
  const cursor = new XmlCursor(xml, part);
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let root = true;
  for (let token = cursor.next(); token !== "end"; token = cursor.next()) {
    if (token !== "open") continue;
    if (root && cursor.name !== "workbook") throw new XlsxError("not_xlsx", `${part} is a ${cursor.name}`);
    root = false;
    if (cursor.name === "workbookPr") {
      date1904 = cursor.attrs.date1904 === "1" || cursor.attrs.date1904 === "true";
    } else if (cursor.name === "sheet") {
      const { name, id, state } = cursor.attrs;
      if (name === undefined || id === undefined) throw new XlsxError("corrupt", `${part}: sheet without name or id`);
      sheets.push({ name, rid: id, state: state === "hidden" || state === "veryHidden" ? state : "visible" });
    }
  }
  if (sheets.length === 0) throw new XlsxError("not_xlsx", `${part} lists no sheet`);
  return { sheets, date1904 };
}

/** The tables of a worksheet (its rels → xl/tables/tableN.xml, ECMA-376 Part 1 §18.5). */
async function readTables(zip: ZipArchive, sheetPart: string): Promise<ReadTable[]> {
  const tables: ReadTable[] = [];
  for (const rel of await relsOf(zip, sheetPart)) {
    if (rel.kind !== "table" || rel.external) continue;
    const xml = await zip.text(rel.target);
    if (xml === undefined) throw new XlsxError("corrupt", `no ${rel.target}`);
    const cursor = new XmlCursor(xml, rel.target);
    const table: ReadTable = { name: "", ref: "", columns: [] };
    for (let token = cursor.next(); token !== "end"; token = cursor.next()) {
      if (token !== "open") continue;
      if (cursor.name === "table") {
        table.name = cursor.attrs.displayName ?? cursor.attrs.name ?? "";
        table.ref = cursor.attrs.ref ?? "";
      } else if (cursor.name === "tableColumn") {
        table.columns.push(unescapeXstring(cursor.attrs.name ?? ""));
        cursor.skip();
      } else if (cursor.name === "autoFilter" || cursor.name === "sortState" || cursor.name === "tableStyleInfo") {
        cursor.skip();
      }
    }
    tables.push(table);
  }
  return tables;
}
