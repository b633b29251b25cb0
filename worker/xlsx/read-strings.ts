import { XmlCursor } from "./xml";

/**
 * Text of a string item (`<si>`, `<is>`): plain `<t>` or rich-text runs
 * `<r><t>` concatenated; the phonetic guide `<rPh>` (furigana, pinyin) is not
 * part of the text (ECMA-376 Part 1 §18.4.6). A whitespace-only `<t>` without
 * `xml:space="preserve"` is empty, as XML loaders that drop ignorable
 * whitespace read it; other text is kept as written.
 */
export function readStringItem(cursor: XmlCursor): string {
  if (cursor.empty) return "";
  let depth = 1;
  let out = "";
  for (;;) {
    const token = cursor.next();
    if (token === "end") return out;
    if (token === "close") {
      if (--depth === 0) return unescapeXstring(out);
    } else if (token === "open") {
      if (cursor.name === "rPh" || cursor.name === "phoneticPr") cursor.skip();
      else if (cursor.name === "t") {
        const preserve = cursor.attrs.space === "preserve";
        const text = cursor.readText();
        out += preserve || text.trim() !== "" ? text : "";
      } else if (!cursor.empty) depth++;
    }
  }
}

/**
 * SpreadsheetML escapes characters XML cannot carry as `_xHHHH_` (`_x000D_`
 * for a carriage return) and a literal `_x` as `_x005F_x` (ECMA-376 Part 1
 * §22.9.2.19, ST_Xstring).
 */
export function unescapeXstring(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The shared string table (`xl/sharedStrings.xml`), in order. */
export function readSharedStrings(xml: string, part: string): string[] {
  const out: string[] = [];
  const cursor = new XmlCursor(xml, part);
  for (let token = cursor.next(); token !== "end"; token = cursor.next()) {
    if (token === "open" && cursor.name === "si") out.push(readStringItem(cursor));
  }
  return out;
}
