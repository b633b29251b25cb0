/**
 * The 问题 list as the task pane shows it: problems from the live check
 * (Validator) and from the server (a refused submit, refused cells), merged by
 * id, errors first, each with the cell to select and whether a warning already
 * has its 上报说明. The server's problems arrive parsed by the sync engine
 * (`problemsOfDetails` in sync/server-details.ts).
 *
 * Until the clerk first tries 上报, a blank required cell is not a mistake yet,
 * only work left to do: a form just opened would otherwise greet the clerk with
 * a dozen red 错误 that all say 为必填项. Those findings are held back and
 * counted (待填 N 项); the first 上报 shows them as errors (form-session.ts), and
 * the Worker refuses a submit with blank required cells either way.
 */
import type { CrossUnitNotice } from "../../../schemas/pii/cross-unit";
import type { Problem } from "../../../schemas/problem";
import type { InvalidCell } from "../../sync/outbox";

/**
 * "notice": informational, from the server (a sensitive value another unit holds this
 * year, schemas/pii/cross-unit.ts): listed after the warnings, never blocks 上报,
 * needs no 上报说明 and is not counted with the problems.
 */
export type EntrySeverity = Problem["severity"] | "notice";

export interface ProblemEntry {
  id: string;
  ruleId: string;
  severity: EntrySeverity;
  message: string;
  cells: string[];
  /** The cell to select when the entry is clicked; null for a form-wide problem (e.g. too many rows). */
  cell: string | null;
  row?: string;
  /** "local": the live check found it; "server": only the server reported it (it may be stale). */
  source: "local" | "server";
  /** A warning's 上报说明, when one was written; null otherwise. */
  explanation: string | null;
}

export interface ProblemSummary {
  entries: ProblemEntry[];
  errors: number;
  warnings: number;
  /** Warnings without a 上报说明: each one blocks submit. */
  unexplained: number;
  /** Blank required cells held back as 待填 (not in `entries`, not in `errors`); 0 once they are shown. */
  toFill: number;
  /** Notices in `entries` (cross-unit duplicates); absent when none. */
  notices?: number;
}

export interface ProblemSources {
  local?: readonly Problem[];
  server?: readonly Problem[];
  /** problem id → 上报说明. */
  explanations?: Readonly<Record<string, string>>;
  /** Form order of a cell (e.g. from the layout); without it, the order given is kept. */
  cellOrder?: (cell: string) => number;
  /** Before the first 上报 attempt: blank required cells are counted as 待填 instead of listed. */
  holdBlank?: boolean;
  /** The server's notices on the report's current values (the last save's or read's answer). */
  notices?: readonly CrossUnitNotice[];
}

/** A blank required cell (the engine's `required:<cell>` finding). */
function isBlankRequired(p: Pick<Problem, "ruleId">): boolean {
  return p.ruleId === "required";
}

/**
 * Cells the server refused on save, as problems. The id is the live check's
 * `type:<cell>`, so where the Validator sees the same bad value the two are one entry.
 */
export function invalidCellProblems(invalid: readonly InvalidCell[]): Problem[] {
  return invalid.map((c) => ({
    id: `type:${c.cell}`,
    ruleId: "type",
    severity: "error",
    cells: [c.cell],
    message: c.message,
  }));
}

/** Server problems minus those about a cell edited since: the live check speaks for those now. */
export function pruneServerProblems(server: readonly Problem[], editedCells: Iterable<string>): Problem[] {
  const edited = new Set(editedCells);
  return server.filter((p) => !p.cells.some((c) => edited.has(c)));
}

export function mapProblems(sources: ProblemSources): ProblemSummary {
  const byId = new Map<string, { p: Problem; source: ProblemEntry["source"] }>();
  // Local first: it reflects what is in the sheet now, so it wins over the server's copy.
  for (const p of sources.local ?? []) if (!byId.has(p.id)) byId.set(p.id, { p, source: "local" });
  for (const p of sources.server ?? []) if (!byId.has(p.id)) byId.set(p.id, { p, source: "server" });

  let toFill = 0;
  if (sources.holdBlank) {
    for (const [id, { p }] of byId) {
      if (!isBlankRequired(p)) continue;
      byId.delete(id);
      toFill++;
    }
  }

  const notes = sources.explanations ?? {};
  const entries: ProblemEntry[] = [...byId.values()].map(({ p, source }) => ({
    id: p.id,
    ruleId: p.ruleId,
    severity: p.severity,
    message: p.message,
    cells: [...p.cells],
    cell: p.cells[0] ?? null,
    ...(p.row === undefined ? {} : { row: p.row }),
    source,
    explanation: p.severity === "warning" && notes[p.id]?.trim() ? (notes[p.id] as string) : null,
  }));
  for (const n of sources.notices ?? []) {
    entries.push({
      id: n.id,
      ruleId: n.ruleId,
      severity: "notice",
      message: n.message,
      cells: [...n.cells],
      cell: n.cells[0] ?? null,
      ...(n.row === undefined ? {} : { row: n.row }),
      source: "server",
      explanation: null,
    });
  }

  const order = sources.cellOrder;
  const position = (e: ProblemEntry) => (e.cell === null || !order ? Number.MAX_SAFE_INTEGER : order(e.cell));
  const rank = (e: ProblemEntry) => (e.severity === "error" ? 0 : e.severity === "warning" ? 1 : 2);
  // Array.prototype.sort is stable, so ties keep the given (form) order.
  entries.sort((a, b) => rank(a) - rank(b) || (order ? position(a) - position(b) : 0));

  const errors = entries.filter((e) => e.severity === "error").length;
  const warnings = entries.filter((e) => e.severity === "warning").length;
  const unexplained = entries.filter((e) => e.severity === "warning" && e.explanation === null).length;
  const notices = entries.length - errors - warnings;
  return { entries, errors, warnings, unexplained, toFill, ...(notices > 0 ? { notices } : {}) };
}
