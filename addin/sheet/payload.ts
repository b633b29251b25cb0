/**
 * How big one Excel request or response gets. Excel on the web refuses a
 * request or a response over 5 MB with `RichAPI.Error` (Microsoft: "Resource
 * limits and performance optimization for Office Add-ins", Excel add-ins:
 * "Excel on the web has a payload size limit for requests and responses of
 * 5MB"), and "Read or write to a large range" advises splitting big ranges
 * into blocks. Every batch the adapter sends is kept under `PAYLOAD_BUDGET`,
 * measured by these estimates, which never count fewer bytes than the JSON
 * Office.js sends.
 */
import type { GridCell } from "../../schemas/layout/write-block";

/** 4 MB: a fifth under Excel on the web's 5 MB, for the envelope of each call and what is not counted. */
export const PAYLOAD_BUDGET = 4 * 1024 * 1024;

/**
 * What one range call costs besides its values: the object path and the
 * action in the request (Office.js sends about 250 bytes per `getRange(…).values = …`).
 */
export const CALL_BYTES = 300;

/** UTF-8 bytes of a value as JSON: numbers as written, text quoted with its escapes. */
export function cellBytes(value: GridCell | boolean | undefined): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === "number") return String(value).length;
  if (typeof value === "boolean") return 5;
  let n = 2;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) n += 2;
    else if (c < 0x20) n += 6;
    else if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // Three bytes per UTF-16 unit; a surrogate pair (4 bytes in UTF-8) is counted 6.
    else n += 3;
  }
  return n;
}

/** Bytes of a grid as JSON: its cells, commas and brackets. */
export function gridBytes(grid: readonly (readonly (GridCell | boolean | undefined)[])[]): number {
  let n = 2;
  for (const line of grid) {
    n += 2 + line.length;
    for (const v of line) n += cellBytes(v);
  }
  return n;
}
