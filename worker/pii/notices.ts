/**
 * The filler's cross-unit notices (schemas/pii/cross-unit.ts) from the blind index:
 * a save reads them last in its own batch (db/report-writes.ts), a report read in its
 * read batch; anything else (a save that wrote nothing, a replay) reads them here.
 */
import { crossUnitNotice, type CrossUnitNotice } from "../../schemas/pii/cross-unit";
import { heldElsewhereOf, type HeldElsewhere } from "../db/blind-index";

export function noticesOf(rows: readonly HeldElsewhere[]): CrossUnitNotice[] {
  return rows.map((r) => crossUnitNotice(r.cell, r.kind));
}

export async function readNotices(db: D1Database, round: string, unit: string): Promise<CrossUnitNotice[]> {
  const { results } = await heldElsewhereOf(db, round, unit).all<HeldElsewhere>();
  return noticesOf(results);
}

/** `notices` is left out when there are none: the answers stay as they were for every report without duplicates. */
export function withNotices<T extends object>(
  body: T,
  notices: CrossUnitNotice[],
): T & { notices?: CrossUnitNotice[] } {
  return notices.length > 0 ? { ...body, notices } : body;
}
