import { CANONICAL_NUMBER, isFormulaLike, type Sheet, type SheetCell } from "./sheet";
import { zip } from "./zip";

/**
 * A small, self-contained XLSX (SpreadsheetML) writer: enough for exports that
 * Excel, WPS and exceljs open — inline strings, numbers, a bold and a title
 * style, number formats per scale, column widths. Pure code (the optional
 * CompressionStream aside), so the Worker and Node tests share it; a full
 * library such as exceljs would not fit the Worker's size budget.
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

/** cellXfs indexes, see STYLES. */
const STYLE = { normal: 0, bold: 1, title: 2, quoted: 3, number: 4, boldNumber: 11 } as const;
const MAX_SCALE = 6;

/** Built-in "0" (1) and "0.00" (2); the other scales get custom formats 164+. */
function numFmtId(scale: number): number {
  if (scale === 0) return 1;
  if (scale === 2) return 2;
  return 164 + scale;
}

const STYLES = (() => {
  const custom = [1, 3, 4, 5, 6].map((s) => `<numFmt numFmtId="${164 + s}" formatCode="0.${"0".repeat(s)}"/>`);
  const xf = (font: number, fmt = 0, extra = "") =>
    `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"` +
    `${fmt ? ' applyNumberFormat="1"' : ""}${font ? ' applyFont="1"' : ""}${extra}/>`;
  const xfs = [xf(0), xf(1), xf(2), xf(0, 0, ' quotePrefix="1"')];
  for (const font of [0, 1]) for (let s = 0; s <= MAX_SCALE; s++) xfs.push(xf(font, numFmtId(s)));
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
    `<numFmts count="${custom.length}">${custom.join("")}</numFmts>` +
    '<fonts count="3"><font><sz val="11"/><name val="等线"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="等线"/><family val="2"/></font>' +
    '<font><b/><sz val="14"/><name val="等线"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    "</styleSheet>"
  );
})();

/** XML 1.0 cannot carry most C0 controls (not even escaped); they are dropped. */
function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function cellXml(ref: string, cell: SheetCell): string {
  if (cell === null) return "";
  if (typeof cell !== "string" && "number" in cell && CANONICAL_NUMBER.test(cell.number)) {
    const scale = Math.min(Math.max(cell.scale, 0), MAX_SCALE);
    const style = (cell.bold ? STYLE.boldNumber : STYLE.number) + scale;
    return `<c r="${ref}" s="${style}"><v>${cell.number}</v></c>`;
  }
  const text = typeof cell === "string" ? cell : "number" in cell ? cell.number : cell.text;
  let style: number = typeof cell === "string" || "number" in cell ? STYLE.normal : STYLE[cell.style];
  if (isFormulaLike(text)) style = STYLE.quoted;
  const s = style === STYLE.normal ? "" : ` s="${style}"`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

/** Display width in characters: CJK counts double. */
function textWidth(cell: SheetCell): number {
  if (cell === null) return 0;
  const text = typeof cell === "string" ? cell : "number" in cell ? cell.number : cell.text;
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

function sheetXml(sheet: Sheet): string {
  const columns = sheet.rows.reduce((n, r) => Math.max(n, r.length), 0);
  const widths: number[] = [];
  for (let c = 0; c < columns; c++) {
    let w = sheet.widths?.[c];
    if (w === undefined) {
      w = 8;
      // Title rows span the sheet; they should not widen column A.
      for (const row of sheet.rows) {
        const cell = row[c] ?? null;
        if (cell !== null && typeof cell !== "string" && "style" in cell && cell.style === "title") continue;
        w = Math.max(w, textWidth(cell) + 2);
      }
    }
    widths.push(Math.min(w, 60));
  }
  const names = Array.from({ length: columns }, (_, c) => columnName(c));
  const parts: string[] = [`${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`];
  if (columns > 0) {
    parts.push("<cols>");
    widths.forEach((w, c) => parts.push(`<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`));
    parts.push("</cols>");
  }
  parts.push("<sheetData>");
  sheet.rows.forEach((row, r) => {
    const n = r + 1;
    let cells = "";
    for (let c = 0; c < row.length; c++) cells += cellXml(`${names[c]}${n}`, row[c] ?? null);
    parts.push(`<row r="${n}">${cells}</row>`);
  });
  parts.push("</sheetData></worksheet>");
  return parts.join("");
}

/** Excel sheet names: ≤ 31 characters, none of []:*?/\, unique (case-insensitively), not blank. */
export function sheetNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const base = raw.replace(/[[\]:*?/\\]/g, "_").replace(/^'+|'+$/g, "").trim().slice(0, 31) || `Sheet${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 31 - String(k).length - 2)}(${k})`;
    used.add(name.toLowerCase());
    return name;
  });
}

export function workbookParts(sheets: Sheet[]): { name: string; text: string }[] {
  const names = sheetNames(sheets.map((s) => s.name));
  const sheetParts = sheets.map((s, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, text: sheetXml(s) }));
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    sheetParts
      .map((p) => `<Override PartName="/${p.name}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
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
    sheetParts.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
  return [
    { name: "[Content_Types].xml", text: contentTypes },
    { name: "_rels/.rels", text: rootRels },
    { name: "xl/workbook.xml", text: workbook },
    { name: "xl/_rels/workbook.xml.rels", text: workbookRels },
    { name: "xl/styles.xml", text: STYLES },
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
