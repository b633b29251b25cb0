import { toCsv } from "./csv";
import type { Sheet } from "../xlsx/sheet";
import { toXlsx, XLSX_TYPE } from "../xlsx/write";

export type ExportFormat = "csv" | "xlsx";

/**
 * `attachment` with an ASCII fallback name and the real zh-CN name per
 * RFC 6266 / RFC 5987 (`filename*=UTF-8''…`), which every current browser uses.
 */
export function contentDisposition(name: string, fallback: string): string {
  const ascii = fallback.replace(/[^A-Za-z0-9._-]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** File names cannot carry path separators or the characters Windows refuses. */
export function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what a file name must not carry
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, 120);
}

/** A file download, never cached nor sniffed: the name as the clerk will see it, and an ASCII one. */
export function fileResponse(bytes: Uint8Array, type: string, name: string, fallback: string): Response {
  return new Response(bytes, {
    status: 200,
    headers: {
      "Content-Type": type,
      "Content-Disposition": contentDisposition(name, fallback),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export async function exportResponse(
  format: ExportFormat,
  sheets: Sheet[],
  names: { display: string; fallback: string },
): Promise<Response> {
  const headers = new Headers({
    "Content-Disposition": contentDisposition(`${safeName(names.display)}.${format}`, `${names.fallback}.${format}`),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  if (format === "csv") {
    headers.set("Content-Type", "text/csv; charset=utf-8");
    return new Response(toCsv(sheets), { status: 200, headers });
  }
  headers.set("Content-Type", XLSX_TYPE);
  return new Response(await toXlsx(sheets), { status: 200, headers });
}
