import { builtInFormat } from "./numfmt";
import { XmlCursor } from "./xml";

/**
 * The number format of each cell style (`cellXfs`, by a cell's `s` index),
 * from `xl/styles.xml`: custom `numFmts` first, else the built-in table.
 * Only formats matter to an upload (a date typed in Excel is a number with a
 * date format); fonts, fills and borders are not read.
 */
export function readCellFormats(xml: string, part: string): string[] {
  const custom = new Map<number, string>();
  const formats: string[] = [];
  const cursor = new XmlCursor(xml, part);
  for (let token = cursor.next(); token !== "end"; token = cursor.next()) {
    if (token !== "open") continue;
    if (cursor.name === "numFmt") {
      const id = Number(cursor.attrs.numFmtId);
      if (Number.isInteger(id) && cursor.attrs.formatCode !== undefined) custom.set(id, cursor.attrs.formatCode);
    } else if (cursor.name === "cellXfs") {
      readXfs(cursor, custom, formats);
    } else if (cursor.name === "cellStyleXfs" || cursor.name === "dxfs") {
      cursor.skip(); // their xf / numFmt children are not cell formats
    }
  }
  return formats;
}

function readXfs(cursor: XmlCursor, custom: Map<number, string>, formats: string[]): void {
  if (cursor.empty) return;
  for (let token = cursor.next(); token !== "end"; token = cursor.next()) {
    if (token === "close" && cursor.name === "cellXfs") return;
    if (token === "open" && cursor.name === "xf") {
      const id = Number(cursor.attrs.numFmtId ?? 0);
      formats.push(custom.get(id) ?? builtInFormat(id) ?? "General");
      cursor.skip();
    }
  }
}
