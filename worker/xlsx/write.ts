import { columnLetter } from "../../schemas/layout/address";
import { CANONICAL_NUMBER, cellText, isFormulaLike, type Sheet, type SheetCell } from "./sheet";
import { StyleTable } from "./styles";
import { zip } from "./zip";

/**
 * A small, self-contained XLSX (SpreadsheetML) writer: enough for exports that
 * Excel, WPS and exceljs open — inline strings, numbers with their number
 * formats, the looks of the layout's texts (styles.ts), merged cells and
 * column widths. Pure code (the optional CompressionStream aside), so the
 * Worker and Node tests share it; a full library such as exceljs would not fit
 * the Worker's size budget.
 *
 * Text is always `t="inlineStr"`, never a formula; text that Excel could take
 * for a formula once re-edited (= + - @ tab CR) also gets `quotePrefix`, the
 * style flag behind Excel's own leading apostrophe.
 */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** XML 1.0 cannot carry most C0 controls (not even escaped); they are dropped. */
function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters at all
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

function cellXml(ref: string, cell: SheetCell, styles: StyleTable): string {
  if (cell === null) return "";
  if (typeof cell !== "string" && "number" in cell && CANONICAL_NUMBER.test(cell.number)) {
    const s = styles.id(cell.bold ? "bold" : undefined, cell.format);
    return `<c r="${ref}"${s ? ` s="${s}"` : ""}><v>${cell.number}</v></c>`;
  }
  const text = cellText(cell);
  const look = typeof cell === "string" || "number" in cell ? undefined : cell;
  const s = styles.id(look?.look, "General", look?.indent ?? 0, isFormulaLike(text));
  return `<c r="${ref}"${s ? ` s="${s}"` : ""} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

/** Display width in characters: CJK counts double. */
function textWidth(cell: SheetCell): number {
  let w = 0;
  for (const ch of cellText(cell)) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

/** The layout's widths; where it has none, the widest text (titles span the sheet and do not count). */
function columnWidths(sheet: Sheet, columns: number): number[] {
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    let w = sheet.widths?.[c];
    if (w === undefined) {
      w = 8;
      for (const row of sheet.rows) {
        const cell = row[c] ?? null;
        if (
          cell !== null &&
          typeof cell !== "string" &&
          "look" in cell &&
          (cell.look === "title" || cell.look === "heading")
        )
          continue;
        w = Math.max(w, textWidth(cell) + 2);
      }
    }
    widths.push(Math.min(w, 60));
  }
  return widths;
}

function sheetXml(sheet: Sheet, styles: StyleTable): string {
  const columns = Math.max(
    sheet.widths?.length ?? 0,
    sheet.rows.reduce((n, r) => Math.max(n, r.length), 0),
  );
  const names = Array.from({ length: columns }, (_, c) => columnLetter(c + 1));
  const parts: string[] = [`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  if (columns > 0) {
    parts.push("<cols>");
    columnWidths(sheet, columns).forEach((w, c) =>
      parts.push(`<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`),
    );
    parts.push("</cols>");
  }
  parts.push("<sheetData>");
  sheet.rows.forEach((row, r) => {
    const n = r + 1;
    let cells = "";
    for (let c = 0; c < row.length; c++) cells += cellXml(`${names[c]}${n}`, row[c] ?? null, styles);
    if (cells) parts.push(`<row r="${n}">${cells}</row>`);
  });
  parts.push("</sheetData>");
  const merges = sheet.merges ?? [];
  if (merges.length > 0)
    parts.push(
      `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`,
    );
  parts.push("</worksheet>");
  return parts.join("");
}

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

export function workbookParts(sheets: Sheet[]): { name: string; text: string }[] {
  const names = sheetNames(sheets.map((s) => s.name));
  const styles = new StyleTable();
  const sheetParts = sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: sheetXml(s, styles) }));
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    sheetParts
      .map(
        (p) =>
          `<Override PartName="/${p.name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join("") +
    "</Types>";
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const workbook =
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
    names.map((n, i) => `<sheet name="${escapeXml(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
    "</sheets></workbook>";
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
    sheetParts
      .map(
        (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join("") +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
  return [
    { name: "[Content_Types].xml", text: contentTypes },
    { name: "_rels/.rels", text: rootRels },
    { name: "xl/workbook.xml", text: workbook },
    { name: "xl/_rels/workbook.xml.rels", text: workbookRels },
    { name: "xl/styles.xml", text: styles.xml(XML_HEAD, MAIN_NS) },
    ...sheetParts,
  ];
}

/** The .xlsx bytes of `sheets` (at least one). */
export async function toXlsx(sheets: Sheet[], options: { compress?: boolean; now?: Date } = {}): Promise<Uint8Array> {
  if (sheets.length === 0) throw new Error("a workbook needs at least one sheet");
  const encoder = new TextEncoder();
  return zip(
    workbookParts(sheets).map((p) => ({ name: p.name, data: encoder.encode(p.text) })),
    options,
  );
}
