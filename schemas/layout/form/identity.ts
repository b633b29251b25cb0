/**
 * The identity of a downloaded form (form.xlsx): which template version, round,
 * unit and report version it was drawn from, and a digest of the layout it was
 * drawn with. It lives on a hidden sheet of the workbook as key/value rows, so
 * an upload can tell a Huibiao form from any other file, refuse another unit's
 * or another round's form, and merge from the version the clerk started with.
 *
 * The digest covers everything an upload locates cells by (addresses, printed
 * labels, roster tables and columns): if the drawing of a template version ever
 * changes, a file drawn the old way is refused instead of misread.
 */
import type { SheetLayout } from "./layout-types";

/** The hidden sheet's name (a sheet name a clerk would not pick). */
export const IDENTITY_SHEET = "汇表标识";

/** Bumped when the meaning of the identity rows changes. */
export const FORM_FORMAT = "huibiao-form/1";

export interface FormIdentity {
  format: string;
  templateId: string;
  templateVersion: number;
  /** The round's id (schemas/api/common.ts `RoundId`: text such as `2022-hs`, not a number). */
  round: string;
  unit: string;
  unitName: string;
  /** The report's version the values were drawn from (0: no report saved yet). */
  reportVersion: number;
  /** The form sheet's name as drawn (a clerk may rename it; the upload then looks for it by layout). */
  sheet: string;
  /**
   * Rows prepared for each roster (`LayoutOptions.rosterRows`): where a roster
   * ends decides where the sections below it start, so the upload rebuilds the
   * layout with the same counts before it checks the digest.
   */
  rosterRows: Record<string, number>;
  layoutDigest: string;
}

/** Row order on the identity sheet: column A the key, B the value, C what it is, for a curious reader. */
const ROWS: readonly [keyof FormIdentity, string][] = [
  ["format", "文件格式"],
  ["templateId", "表单标识"],
  ["templateVersion", "表单版本"],
  ["round", "填报轮次"],
  ["unit", "填报单位代码"],
  ["unitName", "填报单位"],
  ["reportVersion", "下载时的报表版本"],
  ["sheet", "填报工作表"],
  ["rosterRows", "名册预留行数"],
  ["layoutDigest", "版式摘要"],
];

/** The identity as rows [key, value, 说明] for the hidden sheet. */
export function identityRows(id: FormIdentity): [string, string, string][] {
  return ROWS.map(([key, label]) => [
    key,
    key === "rosterRows" ? rosterRowsText(id.rosterRows) : String(id[key]),
    label,
  ]);
}

export type IdentityResult = { ok: true; identity: FormIdentity } | { ok: false; missing: string[] };

const NUMERIC: ReadonlySet<keyof FormIdentity> = new Set(["templateVersion", "reportVersion"]);

/**
 * The identity read back from the sheet's key/value pairs (text as the reader
 * found it; numbers may come back as numbers). `missing` names what is absent
 * or malformed.
 */
export function parseIdentity(pairs: ReadonlyMap<string, string>): IdentityResult {
  const out: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [key] of ROWS) {
    const raw = pairs.get(key)?.trim() ?? "";
    if (key === "rosterRows") {
      const rows = parseRosterRows(raw);
      if (rows) out[key] = rows;
      else missing.push(key);
    } else if (NUMERIC.has(key)) {
      if (!/^\d{1,15}$/.test(raw)) missing.push(key);
      else out[key] = Number(raw);
    } else if (raw === "") missing.push(key);
    else out[key] = raw;
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, identity: out as unknown as FormIdentity };
}

/** `students=200,others=50` (empty when the form has no roster). */
function rosterRowsText(rows: Record<string, number>): string {
  return Object.entries(rows)
    .map(([k, n]) => `${k}=${n}`)
    .join(",");
}

function parseRosterRows(text: string): Record<string, number> | undefined {
  const rows: Record<string, number> = {};
  if (text === "") return rows;
  for (const pair of text.split(",")) {
    const m = /^([A-Za-z_][\w]*)=(\d{1,6})$/.exec(pair.trim());
    if (!m) return undefined;
    rows[m[1] as string] = Number(m[2]);
  }
  return rows;
}

/**
 * SHA-256 (hex) over what an upload locates cells by, in a fixed order:
 * the form sheet's value cells (key → address), its printed texts, and each
 * roster's table, header row and columns. Web Crypto, present in Workers,
 * browsers and Node alike.
 */
export async function layoutDigest(layout: SheetLayout): Promise<string> {
  const shape = {
    template: [layout.templateId, layout.templateVersion],
    cells: layout.cells.map((c) => [c.key, c.address, c.valueType]),
    texts: layout.texts.map((t) => [t.address, t.text]),
    rosters: layout.rosters.map((r) => [
      r.key,
      r.tableName,
      r.headerRow,
      r.firstRow,
      r.columns.map((c) => [c.key, c.label, c.col, c.valueType]),
    ]),
  };
  const bytes = new TextEncoder().encode(JSON.stringify(shape));
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, "0")).join("");
}
