/**
 * Reads the entries of a ZIP (stored or deflated) with the platform's
 * DecompressionStream, as text: enough to look inside an exported .xlsx where
 * no spreadsheet library runs (the Workers test pool). Central directory
 * first, so sizes are known (APPNOTE 6.3: 4.3.12, 4.3.7).
 */
export async function unzip(bytes: Uint8Array): Promise<Map<string, string>> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder();
  const end = bytes.length - 22;
  if (view.getUint32(end, true) !== 0x06054b50) throw new Error("no end of central directory record");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const offset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    const data = bytes.slice(start, start + size);
    const raw =
      method === 8
        ? new Uint8Array(
            await new Response(
              new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw")),
            ).arrayBuffer(),
          )
        : data;
    out.set(name, decoder.decode(raw));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
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
