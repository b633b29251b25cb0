import { columnLetter } from "../../schemas/layout/address";
import { CANONICAL_NUMBER, cellText, isFormulaLike, type Sheet, type SheetCell } from "./sheet";
import type { StyleTable } from "./styles";
import { validationsXml } from "./validations";
import { escapeAttr, escapeXml, MAIN_NS, REL_NS, XML_HEAD } from "./xml-write";

/**
 * One worksheet part (xl/worksheets/sheetN.xml), its children in the order
 * CT_Worksheet requires (ECMA-376 Part 1 §18.3.1.99): cols, sheetData,
 * sheetProtection, mergeCells, conditionalFormatting, dataValidations,
 * tableParts. Excel repairs a file whose children are out of order.
 */

function cellXml(ref: string, cell: SheetCell, styles: StyleTable): string {
  if (cell === null) return "";
  const at = (s: number) => `<c r="${ref}"${s ? ` s="${s}"` : ""}`;
  if (typeof cell === "string") {
    return `${at(styles.id(undefined, "General", 0, isFormulaLike(cell)))} t="inlineStr">${inline(cell)}</c>`;
  }
  if ("formula" in cell) {
    const shared = cell.shared ? ` t="shared" ref="${cell.shared.ref}" si="${cell.shared.si}"` : "";
    return `${at(styles.id(cell.look, cell.format, 0, false, cell.input))}><f${shared}>${escapeXml(cell.formula)}</f></c>`;
  }
  if ("sharedWith" in cell) {
    return `${at(styles.id(cell.look, cell.format, 0, false, cell.input))}><f t="shared" si="${cell.sharedWith}"/></c>`;
  }
  if ("blank" in cell) {
    const s = styles.id(cell.look, cell.format, 0, false, cell.input);
    return s ? `${at(s)}/>` : "";
  }
  if ("number" in cell && CANONICAL_NUMBER.test(cell.number)) {
    const s = styles.id(cell.look ?? (cell.bold ? "bold" : undefined), cell.format, 0, false, cell.input);
    return `${at(s)}><v>${cell.number}</v></c>`;
  }
  const text = cellText(cell);
  const indent = "indent" in cell ? (cell.indent ?? 0) : 0;
  const s = styles.id(cell.look, cell.format ?? "General", indent, isFormulaLike(text), cell.input);
  return `${at(s)} t="inlineStr">${inline(text)}</c>`;
}

function inline(text: string): string {
  return `<is><t xml:space="preserve">${escapeXml(text)}</t></is>`;
}

/** Display width in characters: CJK counts double. */
export function textWidth(cell: SheetCell): number {
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

/**
 * Protected without a password (a unit must be able to get out of a jam): the
 * attributes say what stays allowed, "0" meaning not protected (§18.3.1.85) —
 * resizing rows and columns and the tables' filters, as the add-in's
 * protection allows (addin/excel/office-host.ts). Selecting cells stays allowed.
 */
const PROTECTION =
  '<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0" autoFilter="0"/>';

/** `tableRels`: the relationship id of each of the sheet's tables, in order. */
export function sheetXml(sheet: Sheet, styles: StyleTable, tableRels: readonly string[] = []): string {
  return [...sheetChunks(sheet, styles, tableRels)].join("");
}

/**
 * The worksheet part in pieces, in order, never joined here: a form's 校验结果
 * sheet runs to tens of megabytes of formulas, and one string of it (two bytes
 * a character once it holds a 汉字) would not fit the Worker's 128 MB beside its
 * bytes. toXlsx encodes the pieces a batch at a time.
 */
export function* sheetChunks(sheet: Sheet, styles: StyleTable, tableRels: readonly string[] = []): Generator<string> {
  const columns = Math.max(
    sheet.widths?.length ?? 0,
    sheet.rows.reduce((n, r) => Math.max(n, r.length), 0),
    ...(sheet.hiddenColumns ?? []),
  );
  const names = Array.from({ length: columns }, (_, c) => columnLetter(c + 1));
  const hidden = new Set(sheet.hiddenColumns ?? []);
  yield `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`;
  if (columns > 0) {
    const cols = columnWidths(sheet, columns).map(
      (w, c) =>
        `<col min="${c + 1}" max="${c + 1}" width="${w}"${hidden.has(c + 1) ? ' hidden="1"' : ""} customWidth="1"/>`,
    );
    yield `<cols>${cols.join("")}</cols>`;
  }
  yield "<sheetData>";
  for (let r = 0; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] as SheetCell[];
    const n = r + 1;
    let cells = "";
    for (let c = 0; c < row.length; c++) cells += cellXml(`${names[c]}${n}`, row[c] ?? null, styles);
    if (cells) yield `<row r="${n}">${cells}</row>`;
  }
  yield "</sheetData>";
  if (sheet.protect) yield PROTECTION;
  const merges = sheet.merges ?? [];
  if (merges.length > 0)
    yield `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  for (const [i, f] of (sheet.formats ?? []).entries())
    yield (
      `<conditionalFormatting sqref="${escapeAttr(f.sqref)}"><cfRule type="expression" dxfId="${styles.dxf(f.severity)}" priority="${i + 1}">` +
      `<formula>${escapeXml(f.formula)}</formula></cfRule></conditionalFormatting>`
    );
  yield validationsXml(sheet.validations ?? []);
  if (tableRels.length > 0)
    yield `<tableParts count="${tableRels.length}">${tableRels.map((id) => `<tablePart r:id="${id}"/>`).join("")}</tableParts>`;
  yield "</worksheet>";
}
