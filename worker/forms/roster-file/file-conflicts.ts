/**
 * A save that lost to someone else's: the PATCH path's 409 names cells by key;
 * an upload names them by the file's address and wording, as the form import
 * does (FileConflict `{address, key, where, mine, theirs}`, plus `row` and
 * `base`), so the clerk sees which cell of the file someone changed meanwhile.
 * Values come masked as the save masks them.
 */
import type { EditConflict } from "../../../schemas/api/reports";
import { compiledOf, describeCell, locateCell } from "../../../schemas/cells";
import type { Template } from "../../../schemas/template";
import { ApiError } from "../../errors";
import { placeOf, type FilePlaces } from "./file-problems";

export function conflictOnFile(template: Template, err: ApiError, places: FilePlaces): ApiError {
  const conflicts = (err.details as { conflicts?: EditConflict[] } | undefined)?.conflicts ?? [];
  const compiled = compiledOf(template);
  const details = conflicts.map((c) => {
    const at = locateCell(compiled, c.cell);
    const place = placeOf(c.cell, places);
    return {
      address: place.address ?? "",
      ...(place.row ? { row: place.row } : {}),
      key: c.cell,
      where: at ? describeCell(at) : c.cell,
      base: c.base,
      mine: c.mine,
      theirs: c.theirs,
    };
  });
  const first = details[0];
  const named = first ? `${first.address} ${first.where}`.trim() : "";
  return new ApiError(
    "conflict",
    `上传期间该报表已被他人修改，${named}${details.length > 1 ? ` 等 ${details.length} 个单元格` : ""}与文件冲突，未导入：请核对后重新上传`,
    details,
  );
}
