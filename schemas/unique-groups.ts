import type { RosterInfo } from "./compile";
import { formatValue, INVALID, type Value } from "./expr/value";
import type { Problem } from "./problem";

/**
 * A roster's uniqueness sets (身份证号 alone, 姓名+出生日期 …) as groups of rows
 * with the same values, kept current row by row as a report is typed, so a
 * one-cell edit re-checks only the groups the row left and joined.
 */
export class UniqueGroups {
  /** Per roster and unique set: group key → row ids, and row id → its group key. */
  private readonly groups: { rows: Map<string, Set<string>>; keyOf: Map<string, string> }[][];

  constructor(rosters: readonly RosterInfo[]) {
    this.groups = rosters.map((l) => l.unique.map(() => ({ rows: new Map(), keyOf: new Map() })));
  }

  /** The group key a row is in now, if any. */
  keyOf(roster: RosterInfo, u: number, rowId: string): string | undefined {
    return this.groups[roster.index]?.[u]?.keyOf.get(rowId);
  }

  /** Every group key of a set (a full check). */
  keys(roster: RosterInfo, u: number): Iterable<string> {
    return this.groups[roster.index]?.[u]?.rows.keys() ?? [];
  }

  members(roster: RosterInfo, u: number, key: string): Set<string> | undefined {
    return this.groups[roster.index]?.[u]?.rows.get(key);
  }

  /** Moves a row to the group of its current values; returns the group key (none for a blank or unreadable part). */
  regroup(roster: RosterInfo, u: number, rowId: string, row: Value[] | undefined): string | undefined {
    const g = this.groups[roster.index]?.[u];
    if (!g) return undefined;
    const old = g.keyOf.get(rowId);
    if (old !== undefined) {
      const set = g.rows.get(old);
      set?.delete(rowId);
      if (set?.size === 0) g.rows.delete(old);
      g.keyOf.delete(rowId);
    }
    const cols = roster.unique[u] as number[];
    const parts = row ? cols.map((c) => row[c]) : [];
    // Blank or unreadable values are never duplicates of each other.
    if (!row || parts.some((v) => v === null || v === INVALID)) return undefined;
    const key = parts.map((v) => formatValue(v as Value)).join("\u0001");
    g.keyOf.set(rowId, key);
    let set = g.rows.get(key);
    if (!set) g.rows.set(key, (set = new Set()));
    set.add(rowId);
    return key;
  }
}

/** `unique:roster:idno` — the roster and the columns that must be unique together. */
export function uniqueRuleId(roster: RosterInfo, u: number): string {
  return `unique:${roster.key}:${(roster.unique[u] ?? []).map((c) => roster.columns[c]?.key).join("+")}`;
}

/** One problem per row of a group of two or more rows with the same values. */
export function duplicateProblems(
  roster: RosterInfo,
  u: number,
  members: ReadonlySet<string>,
  rows: ReadonlyMap<string, Value[]>,
): Problem[] {
  const ruleId = uniqueRuleId(roster, u);
  const cols = roster.unique[u] as number[];
  const labels = cols.map((c) => roster.columns[c]?.label).join("、");
  return [...members].map((rowId) => {
    const row = rows.get(rowId) as Value[];
    const shown = cols.map((c) => formatValue(row[c] ?? null)).join("、");
    return {
      id: `${ruleId}@${rowId}`,
      ruleId,
      severity: "error",
      cells: cols.map((c) => `${roster.key}.${rowId}.${roster.columns[c]?.key}`),
      message: `${roster.title}中「${labels}」为 ${shown} 的记录重复出现 ${members.size} 次`,
      row: rowId,
    };
  });
}
