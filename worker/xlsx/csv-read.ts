import { a1 } from "../../schemas/layout/address";
import { XlsxError } from "./errors";
import { READ_LIMITS } from "./limits";
import type { ReadCell, ReadSheet } from "./workbook";

/**
 * A CSV (or tab-separated) file as one ReadSheet, for rosters that come as
 * text (RFC 4180: quotes, doubled quotes, line breaks inside quotes; CRLF,
 * LF or CR). Every value stays text — no number guessing — so that a
 * 身份证号 Excel already turned into `3.41E+17` reaches the caller as written
 * and can be refused. Blank lines keep their row, so addresses match what a
 * spreadsheet shows when it opens the file.
 *
 * Encodings: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode
 * text"), and otherwise GB18030 — the superset of GBK, which Chinese Excel
 * and WPS use for "CSV (逗号分隔)" — when the bytes are not valid UTF-8.
 */
export interface CsvOptions {
  /** The sheet's name (the file's name, say). */
  name?: string;
  maxBytes?: number;
  maxCells?: number;
}

export function decodeCsv(bytes: Uint8Array): { text: string; encoding: string } {
  const bom = (...b: number[]): boolean => b.every((x, i) => bytes[i] === x);
  const decode = (encoding: string, fatal = false): string =>
    new TextDecoder(encoding, { fatal, ignoreBOM: false }).decode(bytes);
  if (bom(0xef, 0xbb, 0xbf)) return { text: decode("utf-8"), encoding: "utf-8" };
  if (bom(0xff, 0xfe)) return { text: decode("utf-16le"), encoding: "utf-16le" };
  if (bom(0xfe, 0xff)) return { text: decode("utf-16be"), encoding: "utf-16be" };
  try {
    return { text: decode("utf-8", true), encoding: "utf-8" };
  } catch {
    // not UTF-8: the Chinese code page
  }
  try {
    return { text: decode("gb18030", true), encoding: "gb18030" };
  } catch {
    throw new XlsxError("bad_encoding", "neither UTF-8 nor GB18030");
  }
}

const ENDS_FIELD = new Set(["\r", "\n"]);

/** Tab-separated when the first line has tabs and no commas (Excel's "文本文件(制表符分隔)"). */
function delimiterOf(text: string): string {
  const end = text.search(/[\r\n]/);
  const first = end < 0 ? text : text.slice(0, end);
  return first.includes("\t") && !first.includes(",") ? "\t" : ",";
}

export function readCsv(bytes: Uint8Array, options: CsvOptions = {}): ReadSheet {
  const maxBytes = options.maxBytes ?? READ_LIMITS.maxCompressedBytes;
  if (bytes.length > maxBytes) throw new XlsxError("too_large", `${bytes.length} bytes`);
  const { text } = decodeCsv(bytes);
  const cells = new Map<string, ReadCell>();
  let budget = options.maxCells ?? READ_LIMITS.maxCells;
  const delimiter = delimiterOf(text);
  let row = 1;
  let col = 1;
  let field = "";
  const put = (): void => {
    if (field !== "") {
      if (--budget < 0) throw new XlsxError("too_large", "too many cells");
      cells.set(a1(row, col), { value: { kind: "string", value: field } });
    }
    field = "";
  };
  let at = 0;
  while (at < text.length) {
    const ch = text[at] as string;
    if (ch === '"' && field === "") {
      // A quoted field: up to the quote not doubled; what follows it up to the delimiter is kept as is.
      at++;
      for (;;) {
        const quote = text.indexOf('"', at);
        if (quote < 0) {
          field += text.slice(at);
          at = text.length;
          break;
        }
        field += text.slice(at, quote);
        at = quote + 1;
        if (text[at] !== '"') break;
        field += '"';
        at++;
      }
      continue;
    }
    if (ch === delimiter) {
      put();
      col++;
    } else if (ch === "\r" || ch === "\n") {
      put();
      if (ch === "\r" && text[at + 1] === "\n") at++;
      row++;
      col = 1;
    } else {
      let stop = at + 1;
      while (stop < text.length && !ENDS_FIELD.has(text[stop] as string) && text[stop] !== delimiter) stop++;
      field += text.slice(at, stop);
      at = stop;
      continue;
    }
    at++;
  }
  put();
  return { name: options.name ?? "CSV", state: "visible", cells, tables: [] };
}
