import { READ_LIMITS } from "../../../worker/xlsx/limits";
import { ZipArchive } from "../../../worker/xlsx/unzip";

/**
 * The entries of a ZIP as text, read by the Worker's own reader
 * (worker/xlsx/unzip.ts): enough to look inside an exported .xlsx where no
 * spreadsheet library runs (the Workers test pool).
 */
export async function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  const archive = ZipArchive.open(bytes, READ_LIMITS);
  const out = new Map<string, string>();
  for (const name of archive.entries.keys()) out.set(name, (await archive.text(name)) ?? "");
  return out;
}

/** What a cell of a worksheet's XML holds: its inline string or number, undefined when absent. */
export function cellOf(sheetXml: string, ref: string): string | undefined {
  const m = new RegExp(`<c r="${ref}"[^>]*>(?:<is><t[^>]*>([^<]*)</t></is>|<v>([^<]*)</v>)</c>`).exec(sheetXml);
  if (!m) return undefined;
  const text = m[1] ?? m[2] ?? "";
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The cellXfs entry a cell is styled with. */
export function styleOf(files: Map<string, string>, sheet: string, ref: string): string {
  const s = new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(files.get(sheet) ?? "")?.[1] ?? "0";
  const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(files.get("xl/styles.xml") ?? "")?.[1] ?? "";
  return xfs.match(/<xf [^>]*?(?:\/>|>.*?<\/xf>)/g)?.[Number(s)] ?? "";
}

/** The merged ranges of a worksheet. */
export function mergesOf(sheetXml: string): string[] {
  return [...sheetXml.matchAll(/<mergeCell ref="([^"]+)"\/>/g)].map((m) => m[1] as string);
}
