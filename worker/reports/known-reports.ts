import type { ReportRow } from "../db/reports";
import type { Caller } from "../env";
import type { Fields } from "./merge";
import type { ReportKeys, RowKeyRecord } from "../pii/report-keys";
import type { RoundKeyRecord } from "../pii/round-keys";

/**
 * What this isolate last knew of a report it saved: its row, its fields (cells
 * and `note:` 上报说明) and the version + write stamp they belong to; and which
 * caller a token hash named. Autosave sends one PATCH after another from the
 * same base chain, so the next save usually starts from exactly this state and
 * can skip the read (save.ts, "fast path").
 *
 * Nothing here is trusted on its own: a save from it is a guarded batch that
 * only applies while the report is still at this version AND write stamp (a
 * fresh UUID per write, so no other database or writer can match it by chance)
 * and the token is still not revoked. Otherwise the save reads and merges as usual.
 */
export interface KnownReport {
  row: ReportRow & { write_id: string };
  /** Plain values: the fast path answers only the owning filler in full (save.ts masks the others). */
  fields: Fields;
  /** The report's wrapped keys as of this version (worker/pii/report-keys.ts). */
  pii: { roundKey: RoundKeyRecord | null; rowKeys: RowKeyRecord[] };
}

/** Enough for a busy isolate's editors; a 2,000-row roster report is ~20,000 fields. */
const MAX_REPORTS = 256;
const MAX_FIELDS = 50_000;

const reports = new Map<string, KnownReport>();
const callers = new Map<string, Caller>();

const keyOf = (round: string, unit: string) => `${round}\n${unit}`;

export function knownReport(round: string, unit: string): KnownReport | undefined {
  return reports.get(keyOf(round, unit));
}

export function rememberReport(row: ReportRow, fields: Fields, keys: ReportKeys): void {
  const key = keyOf(row.round_id, row.unit);
  reports.delete(key);
  if (row.write_id === null || Object.keys(fields).length > MAX_FIELDS) return;
  reports.set(key, {
    row: { ...row, write_id: row.write_id },
    fields,
    pii: { roundKey: keys.roundRecord, rowKeys: keys.records() },
  });
  // Map keeps insertion order: the first key is the least recently remembered.
  if (reports.size > MAX_REPORTS) reports.delete(reports.keys().next().value as string);
}

export function forgetReport(round: string, unit: string): void {
  reports.delete(keyOf(round, unit));
}

export function knownCaller(tokenHash: string): Caller | undefined {
  return callers.get(tokenHash);
}

export function rememberCaller(tokenHash: string, caller: Caller): void {
  if (callers.size >= MAX_REPORTS) callers.delete(callers.keys().next().value as string);
  callers.set(tokenHash, caller);
}
