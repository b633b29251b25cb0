/**
 * The active sheet as printed: the table an officer pasted from a notice, for
 * 新建表单 to draft a form from (schemas/definition/draft-table.ts). Reads the used
 * range's values and, where the host has it (ExcelApi 1.13), its merged areas;
 * without them a merged label reads only in its top-left cell. The merged areas
 * come in a sync of their own: `getMergedAreasOrNullObject` "will fail to
 * return the result" past 512 areas (Excel JavaScript API reference), and such
 * a failure must cost the merges only, not the values already read.
 */
import { parseRange } from "../../schemas/layout/address";
import type { MergedArea, PrintedSheet } from "../../schemas/definition/table-sheet";
import { WorkbookError } from "../sheet/form-workbook";
import type { ExcelFeatures } from "./office-features";
import { RUN, type ExcelHost } from "./office-host";

/**
 * One area of a RangeAreas address, its sheet named as Excel quotes it:
 * `Sheet1!A1:B2,Sheet1!D4`, `'上海, 附件2'!$C$3` (a comma may sit in a quoted name).
 */
const AREA = /(?:(?:'(?:[^']|'')*'|[^',!]+)!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)/g;

/** The areas of a RangeAreas address. */
export function areasOf(address: string): ReturnType<typeof parseRange>[] {
  return [...address.matchAll(AREA)].map((m) => parseRange(m[1] as string));
}

/** A printed form is a page or two; far past it the answer would near Excel on the web's 5 MB. */
export const MAX_PRINTED_CELLS = 20_000;

export async function readPrinted(host: ExcelHost, features: ExcelFeatures): Promise<PrintedSheet | null> {
  return host.run(RUN, async (ctx) => {
    const used = ctx.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true);
    used.load("isNullObject,address,rowCount,columnCount");
    await ctx.sync();
    if (used.isNullObject) return null;
    if (used.rowCount * used.columnCount > MAX_PRINTED_CELLS) {
      throw new WorkbookError(
        "unsupported",
        `当前工作表的内容有 ${used.rowCount} 行 × ${used.columnCount} 列，超出一张报表的范围：请把通知中的表格单独粘贴到一个空白工作表`,
      );
    }
    used.load("values");
    await ctx.sync();
    const origin = parseRange(withoutSheet(used.address));
    const cells = used.values.map((row) =>
      row.map((v: unknown) => (v === "" || v === null ? null : (v as string | number | boolean))),
    );
    return { cells, merges: features.mergedAreas ? await mergesOf(ctx, used, origin) : [] };
  });
}

/** The merged areas starting in the used range, relative to it; none when Excel cannot answer. */
async function mergesOf(
  ctx: Excel.RequestContext,
  used: Excel.Range,
  origin: { top: number; left: number },
): Promise<MergedArea[]> {
  try {
    const merged = used.getMergedAreasOrNullObject();
    merged.load("isNullObject,address");
    await ctx.sync();
    if (merged.isNullObject) return [];
    return areasOf(merged.address).map((r) => {
      return {
        top: r.top - origin.top,
        left: r.left - origin.left,
        bottom: r.bottom - origin.top,
        right: r.right - origin.left,
      };
    });
  } catch {
    // Past 512 merged areas: the table reads as unmerged values, which the draft still takes.
    return [];
  }
}

/** `'Sheet 1'!A1:B2` → `A1:B2`. */
function withoutSheet(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}
