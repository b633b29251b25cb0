/**
 * Rosters (名册) that grow as the clerk fills them. Excel cannot add rows to a
 * table on a protected sheet, so the sheet comes with prepared rows and the
 * add-in adds more: as soon as a value lands in a roster's last prepared row
 * (typed, pasted, synced from the server, or kept on this device) or beyond
 * it, the roster gets `ROW_STEP` blank rows below the last filled one. Before
 * pasting a longer block — Excel refuses a paste that runs past the table onto
 * the protected cells below — the clerk adds rows in the pane (`add`).
 */
import { rosterRowId } from "../../../schemas/layout/form/layout";
import type { SheetLayout } from "../../../schemas/layout/form/layout-types";
import type { CellKey, FormWorkbook } from "../../sheet/form-workbook";
import { isBlank } from "./cell-input";

/** Blank rows kept below the last filled one, and the step the pane offers. */
export const ROW_STEP = 50;

const ROW_ID = /^r(\d{4,})$/;

/** The roster row of a cell key placed by position: `roster.r0051.name` → row index 50 of `roster`. */
export function rosterRowOf(key: CellKey): { roster: string; index: number } | undefined {
  const parts = key.split(".");
  if (parts.length !== 3) return undefined;
  const m = ROW_ID.exec(parts[1] as string);
  if (!m) return undefined;
  const index = Number(m[1]) - 1;
  // Only the canonical spelling has a place in the sheet (see CellIndex.locate).
  return rosterRowId(index) === parts[1] ? { roster: parts[0] as string, index } : undefined;
}

/** Rows each roster needs so that every filled row has a place and blank rows follow the last one. */
export function rowsToFit(
  layout: SheetLayout,
  values: Readonly<Record<CellKey, string | number | null>>,
): Record<string, number> {
  const rosters = new Map(layout.rosters.map((l) => [l.key, l]));
  const out: Record<string, number> = {};
  if (rosters.size === 0) return out;
  for (const [key, value] of Object.entries(values)) {
    if (isBlank(value)) continue;
    const at = rosterRowOf(key);
    const roster = at && rosters.get(at.roster);
    if (!at || !roster || at.index < roster.rowCount - 1) continue;
    out[roster.key] = Math.max(out[roster.key] ?? 0, at.index + 1 + ROW_STEP);
  }
  return out;
}

/** The layout the sheet is bound to, grown one request at a time. */
export class RosterRows {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly workbook: FormWorkbook,
    private current: SheetLayout,
  ) {}

  get layout(): SheetLayout {
    return this.current;
  }

  /**
   * Grows the rosters when these values (from the sheet, the server or this
   * device) need it; undefined when they fit already, so the caller goes on
   * without waiting a turn (a grow still running only adds rows below).
   */
  fit(values: Readonly<Record<CellKey, string | number | null>>): Promise<void> | undefined {
    if (Object.keys(rowsToFit(this.current, values)).length === 0) return undefined;
    return this.run(() => rowsToFit(this.current, values));
  }

  /** `count` more rows for `roster`, as the clerk asked. */
  add(roster: string, count: number): Promise<void> {
    return this.run(() => {
      const l = this.current.rosters.find((x) => x.key === roster);
      return l ? { [roster]: l.rowCount + Math.max(0, Math.floor(count)) } : {};
    });
  }

  /**
   * One grow at a time, each sized against the layout the previous one left:
   * two grows computed from the same layout would insert the rows twice.
   */
  private run(wanted: () => Record<string, number>): Promise<void> {
    const step = async () => {
      const rows = wanted();
      const grows = this.current.rosters.some((l) => (rows[l.key] ?? 0) > l.rowCount && l.rowCount < l.maxRows);
      if (grows) this.current = await this.workbook.growRosters(this.current.sheet, rows);
    };
    const next = this.chain.then(step);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
