/**
 * A clerk's edits to a downloaded .xlsx, made on its XML: cells of one
 * worksheet set to a number or a text, the rest of the file as it was.
 * Enough to fill a form in the Workers test pool, where no spreadsheet runs.
 */
import { zip } from "../../../worker/xlsx/zip";
import { unzip } from "../exports/unzip";

export async function editXlsx(
  bytes: Uint8Array,
  part: string,
  cells: Record<string, string | number | null>,
): Promise<Uint8Array> {
  const files = await unzip(bytes);
  let xml = files.get(part);
  if (xml === undefined) throw new Error(`no ${part}`);
  for (const [ref, value] of Object.entries(cells)) xml = setCell(xml, ref, value);
  files.set(part, xml);
  const encoder = new TextEncoder();
  return zip([...files].map(([name, text]) => ({ name, data: encoder.encode(text) })));
}

function setCell(xml: string, ref: string, value: string | number | null): string {
  const cell = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  const m = cell.exec(xml);
  if (!m) throw new Error(`no cell ${ref} in the sheet's XML`);
  const style = /\ss="\d+"/.exec(m[1] ?? "")?.[0] ?? "";
  const body =
    value === null
      ? `<c r="${ref}"${style}/>`
      : typeof value === "number"
        ? `<c r="${ref}"${style}><v>${value}</v></c>`
        : `<c r="${ref}"${style} t="inlineStr"><is><t>${escape(value)}</t></is></c>`;
  return xml.replace(cell, body);
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
