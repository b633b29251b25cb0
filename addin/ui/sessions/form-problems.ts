/**
 * The 问题 list of an open form: the Validator's problems, what the server
 * found on 上报 (kept until the cells it names change), cells the server
 * refused, and the 上报说明 the clerk wrote for warnings — in form order.
 * Blank required cells are only counted (待填) until `showBlank()`, the first
 * 上报 attempt (see problem-map.ts).
 */
import type { Problem } from "../../../schemas/problem";
import type { SheetLayout } from "../../../schemas/layout/form/layout-types";
import type { CellKey } from "../../sheet/form-workbook";
import { invalidCellProblems, mapProblems, pruneServerProblems, type ProblemSummary } from "./problem-map";
import type { SyncSnapshot } from "../../sync/sync-state";

export class FormProblems {
  private server: Problem[] = [];
  private readonly order: Map<CellKey, number>;

  constructor(
    layout: SheetLayout,
    /** problem id → 上报说明, as this device last knew them. */
    readonly explanations: Record<string, string>,
    private readonly local: () => Problem[],
    /** True once the clerk has tried 上报 on this report. */
    private blankShown: boolean,
  ) {
    this.order = new Map(layout.cells.map((c, i) => [c.key, i]));
  }

  summary(sync: SyncSnapshot): ProblemSummary {
    const invalid = sync.state.kind === "error" ? invalidCellProblems(sync.state.invalid) : [];
    return mapProblems({
      local: this.local(),
      server: [...this.server, ...invalid],
      explanations: this.explanations,
      cellOrder: (cell) => this.order.get(cell) ?? Number.MAX_SAFE_INTEGER,
      holdBlank: !this.blankShown,
      ...(sync.notices ? { notices: sync.notices } : {}),
    });
  }

  /** The first 上报 attempt: blank required cells are errors from now on. */
  showBlank(): void {
    this.blankShown = true;
  }

  /** What the server found no longer holds for cells that changed since. */
  cellsChanged(cells: readonly CellKey[]): void {
    this.server = pruneServerProblems(this.server, cells);
  }

  /** The server's check on 上报 (none once it accepted the report). */
  serverFound(problems: Problem[]): void {
    this.server = problems;
  }

  /** Sets (or with blank text removes) a 上报说明; answers the new text, or undefined when nothing changed. */
  explain(problemId: string, text: string): string | null | undefined {
    const t = text.trim();
    if ((this.explanations[problemId] ?? "") === t) return undefined;
    if (t) this.explanations[problemId] = t;
    else delete this.explanations[problemId];
    return t || null;
  }

  /** 上报说明 that arrived from the server (another device, a "theirs" choice). */
  remoteExplanations(update: Readonly<Record<string, string | null>>): void {
    for (const [id, text] of Object.entries(update)) {
      if (text) this.explanations[id] = text;
      else delete this.explanations[id];
    }
  }
}
