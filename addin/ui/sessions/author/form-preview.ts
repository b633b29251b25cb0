/**
 * 预览: the form as a clerk will get it, drawn by the layout a filler's sheet is
 * drawn from, with its data validation, computed items and the engine's live
 * check, so the officer types test values and sees the marks a clerk would. It
 * talks to no server and keeps nothing: the values are test values.
 */
import { buildLayout } from "../../../../schemas/layout/form/layout";
import type { Template } from "../../../../schemas/template";
import type { CellValue, FormWorkbook, Subscription } from "../../../sheet/form-workbook";
import { mapProblems, type ProblemSummary } from "../problem-map";
import { SheetMarks } from "../sheet-marks";
import { SheetValues } from "../sheet-values";

export const PREVIEW_SHEET = "预览";

export class FormPreview {
  private subscription: Subscription | undefined;
  private readonly listeners = new Set<(s: ProblemSummary) => void>();

  private constructor(
    private readonly workbook: FormWorkbook,
    private readonly values: SheetValues,
    private readonly marks: SheetMarks,
    private readonly order: Map<string, number>,
  ) {}

  static async open(workbook: FormWorkbook, template: Template, unitName: string): Promise<FormPreview> {
    const layout = buildLayout(template, { sheetName: PREVIEW_SHEET, unitName });
    await workbook.renderForm(layout);
    const values = new SheetValues(template, {});
    const preview = new FormPreview(
      workbook,
      values,
      new SheetMarks(workbook, PREVIEW_SHEET),
      new Map(layout.cells.map((c, i) => [c.key, i])),
    );
    const computed = values.computedValues();
    if (Object.keys(computed).length > 0) await workbook.writeValues(PREVIEW_SHEET, computed);
    preview.subscription = await workbook.onCellsChanged(
      PREVIEW_SHEET,
      (_cells, changed) => void preview.changed(changed),
    );
    return preview;
  }

  subscribe(listener: (s: ProblemSummary) => void): () => void {
    this.listeners.add(listener);
    listener(this.summary());
    return () => this.listeners.delete(listener);
  }

  /** The problems of the test values, as the clerk's 问题 list shows them (blank required cells counted). */
  summary(): ProblemSummary {
    return mapProblems({
      local: this.values.validator.problems(),
      cellOrder: (cell) => this.order.get(cell) ?? Number.MAX_SAFE_INTEGER,
      holdBlank: true,
    });
  }

  async dispose(): Promise<void> {
    await this.subscription?.remove();
    this.marks.stop();
  }

  private async changed(changed: Readonly<Record<string, CellValue>>): Promise<void> {
    const applied = this.values.apply(changed);
    const writes = { ...applied.writeBack, ...applied.computed };
    if (Object.keys(writes).length > 0) await this.workbook.writeValues(PREVIEW_SHEET, writes);
    await this.marks.refresh(() => this.summary().entries);
    const summary = this.summary();
    for (const l of this.listeners) l(summary);
  }
}
