import type { Sheet } from "./sheet";
import { StyleTable } from "./styles";
import { checkTables, TABLE_TYPE, tableXml } from "./tables";
import { sheetChunks } from "./worksheet";
import { escapeXml, MAIN_NS, PKG_REL_NS, REL_NS, XML_HEAD } from "./xml-write";
import { zip } from "./zip";

/**
 * A small, self-contained XLSX (SpreadsheetML) writer: enough for exports that
 * Excel, WPS and exceljs open — inline strings, numbers with their number
 * formats, the looks of the layout's texts (styles.ts), merged cells and
 * column widths — and for a form that checks itself (worker/forms): formulas,
 * data validations, conditional formats, tables, protected and hidden sheets,
 * hidden columns (worksheet.ts, validations.ts, tables.ts). Pure code (the
 * optional CompressionStream aside), so the Worker and Node tests share it; a
 * full library such as exceljs would not fit the Worker's size budget.
 *
 * Text is always `t="inlineStr"`, never a formula; text that Excel could take
 * for a formula once re-edited (= + - @ tab CR) also gets `quotePrefix`, the
 * style flag behind Excel's own leading apostrophe. Formulas come only from
 * `formula` cells, which the layout writes, never from a value.
 */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Formula cells carry no cached value: `fullCalcOnLoad` makes Excel and WPS
 * compute every formula when the file opens (ECMA-376 Part 1 §18.2.2 calcPr).
 * LibreOffice ignores that attribute; it decides by its own "Recalculation on
 * File Load" setting for Excel 2007 and newer (OOXMLRecalcMode, default "Never
 * recalculate"), but even then recalculates hard when the file holds no formula
 * result other than 0 or none (LibreOffice/core
 * sc/source/filter/oox/workbookfragment.cxx, `recalcFormulaCells`: "Did not
 * encounter any other formula result than 0.0 … in a non-known-good-generator
 * document"), which is every file written here. test/schemas/form-xlsx checks
 * it by converting forms headless and reading the computed items back.
 */
const CALC = '<calcPr fullCalcOnLoad="1"/>';

const SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** Excel sheet names: ≤ 31 characters, none of []:*?/\, unique (case-insensitively), not blank. */
export function sheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const base =
      raw
        .replace(/[[\]:*?/\\]/g, "_")
        .replace(/^'+|'+$/g, "")
        .trim()
        .slice(0, 31) || `Sheet${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 2)}(${k})`;
    used.add(name.toLowerCase());
    return name;
  });
}

function relationships(list: { id: string; type: string; target: string }[]): string {
  return (
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    list.map((r) => `<Relationship Id="${r.id}" Type="${REL_NS}/${r.type}" Target="${r.target}"/>`).join("") +
    "</Relationships>"
  );
}

export function workbookParts(sheets: Sheet[]): { name: string; text: string }[] {
  return packageParts(sheets, (chunks) => [...chunks].join("")).map(([name, text]) => ({ name, text }));
}

/**
 * The parts of the package, each handed to `take` as the pieces of its XML in
 * order (worksheet.ts says why pieces): the worksheets first, as they are
 * generated — their cells and conditional formats fill the styles part —
 * then the rest; answered in the package's usual order.
 */
function packageParts<T>(sheets: Sheet[], take: (chunks: Iterable<string>) => T): [string, T][] {
  if (sheets.every((s) => s.hidden)) throw new Error("a workbook needs a visible sheet");
  checkTables(sheets);
  const names = sheetNames(sheets.map((s) => s.name));
  const styles = new StyleTable();
  const parts: [string, T][] = [];
  const overrides: [string, string][] = [];
  let tableId = 0;
  sheets.forEach((sheet, i) => {
    const tables = (sheet.tables ?? []).map((t) => ({ table: t, id: ++tableId }));
    const rels = tables.map((t, k) => ({ id: `rId${k + 1}`, type: "table", target: `../tables/table${t.id}.xml` }));
    const name = `xl/worksheets/sheet${i + 1}.xml`;
    parts.push([
      name,
      take(
        sheetChunks(
          sheet,
          styles,
          rels.map((r) => r.id),
        ),
      ),
    ]);
    overrides.push([name, SHEET_TYPE]);
    if (rels.length === 0) return;
    parts.push([`xl/worksheets/_rels/sheet${i + 1}.xml.rels`, take([relationships(rels)])]);
    for (const t of tables) {
      parts.push([`xl/tables/table${t.id}.xml`, take([tableXml(t.table, t.id)])]);
      overrides.push([`xl/tables/table${t.id}.xml`, TABLE_TYPE]);
    }
  });
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    overrides.map(([part, type]) => `<Override PartName="/${part}" ContentType="${type}"/>`).join("") +
    "</Types>";
  const hasFormulas = sheets.some((s) =>
    s.rows.some((r) => r.some((c) => c !== null && typeof c === "object" && "formula" in c)),
  );
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
    names
      .map(
        (n, i) =>
          `<sheet name="${escapeXml(n)}" sheetId="${i + 1}"${sheets[i]?.hidden ? ' state="hidden"' : ""} r:id="rId${i + 1}"/>`,
      )
      .join("") +
    `</sheets>${hasFormulas ? CALC : ""}</workbook>`;
  const workbookRels = relationships([
    ...sheets.map((_, i) => ({ id: `rId${i + 1}`, type: "worksheet", target: `worksheets/sheet${i + 1}.xml` })),
    { id: `rId${sheets.length + 1}`, type: "styles", target: "styles.xml" },
  ]);
  return [
    ["[Content_Types].xml", take([contentTypes])],
    ["_rels/.rels", take([relationships([{ id: "rId1", type: "officeDocument", target: "xl/workbook.xml" }])])],
    ["xl/workbook.xml", take([workbook])],
    ["xl/_rels/workbook.xml.rels", take([workbookRels])],
    // After the sheets: their cells and conditional formats filled the style table.
    ["xl/styles.xml", take([styles.xml(XML_HEAD, MAIN_NS)])],
    ...parts,
  ];
}

/** The .xlsx bytes of `sheets` (at least one). */
export async function toXlsx(sheets: Sheet[], options: { compress?: boolean; now?: Date } = {}): Promise<Uint8Array> {
  if (sheets.length === 0) throw new Error("a workbook needs at least one sheet");
  // Each part encoded as it is generated: its XML never exists whole as one string.
  const entries = packageParts(sheets, encode).map(([name, data]) => ({ name, data }));
  return zip(entries, options);
}

/** UTF-8 of the pieces in order, encoded some 64K characters at a time into one buffer. */
function encode(chunks: Iterable<string>): Uint8Array {
  const encoder = new TextEncoder();
  const encoded: Uint8Array[] = [];
  let batch: string[] = [];
  let size = 0;
  const flush = () => {
    encoded.push(encoder.encode(batch.join("")));
    batch = [];
    size = 0;
  };
  for (const chunk of chunks) {
    batch.push(chunk);
    size += chunk.length;
    if (size >= 65_536) flush();
  }
  if (batch.length > 0 || encoded.length === 0) flush();
  if (encoded.length === 1) return encoded[0] as Uint8Array;
  const out = new Uint8Array(encoded.reduce((n, e) => n + e.length, 0));
  let at = 0;
  for (const e of encoded) {
    out.set(e, at);
    at += e.length;
  }
  return out;
}
