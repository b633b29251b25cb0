/**
 * The active sheet as printed: the table an officer pasted from a notice, for
 * 新建表单 to draft a form from (schemas/definition/draft-table.ts). Reads the used
 * range's values and, where the host has it (ExcelApi 1.13), its merged areas;
 * without them a merged label reads only in its top-left cell.
 */
import { parseRange } from "../../schemas/layout/address";
import type { PrintedSheet } from "../../schemas/definition/table-sheet";
import { WorkbookError } from "../sheet/form-workbook";
import type { ExcelFeatures } from "./office-features";
import { RUN, type ExcelHost } from "./office-host";

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
    const merged = features.mergedAreas ? used.getMergedAreasOrNullObject() : undefined;
    merged?.load("isNullObject,address");
    await ctx.sync();
    const origin = parseRange(withoutSheet(used.address));
    const cells = used.values.map((row) =>
      row.map((v: unknown) => (v === "" || v === null ? null : (v as string | number | boolean))),
    );
    const merges =
      merged && !merged.isNullObject
        ? merged.address.split(",").map((part) => {
            const r = parseRange(withoutSheet(part.trim()));
            return {
              top: r.top - origin.top,
              left: r.left - origin.left,
              bottom: r.bottom - origin.top,
              right: r.right - origin.left,
            };
          })
        : [];
    return { cells, merges };
  });
}

/** `'Sheet 1'!A1:B2` → `A1:B2`. */
function withoutSheet(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1);
}
