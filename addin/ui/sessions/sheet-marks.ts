/**
 * Keeps the sheet's marks in line with the problem list: one `markCells`
 * round trip per change at most (`diffMarks`), and never two at once, so a
 * slow round trip cannot land after a newer one and leave a stale mark.
 */
import type { FormWorkbook } from "../../sheet/form-workbook";
import type { ProblemEntry } from "./problem-map";
import { diffMarks, type MarkState } from "./marks";

export class SheetMarks {
  private marks: MarkState = new Map();
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly workbook: FormWorkbook,
    private readonly sheet: string,
  ) {}

  /** `entries` is asked for when this turn comes, so the marks follow the problems as they are then. */
  refresh(entries: () => readonly ProblemEntry[]): Promise<void> {
    const run = async () => {
      if (this.stopped) return;
      const diff = diffMarks(this.marks, entries());
      if (diff.marks.length === 0 && diff.cleared.length === 0) return;
      await this.workbook.markCells(this.sheet, diff.marks, diff.cleared);
      this.marks = diff.next;
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  stop(): void {
    this.stopped = true;
  }
}
