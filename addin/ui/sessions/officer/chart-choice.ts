/**
 * Which matrix item the per-unit bar chart shows: the officer's pick, checked
 * against the template (a remembered item the template no longer has falls
 * back to the first), listed with zh-CN labels for the picker, and drawn again
 * alone when it changes. Kept apart from the session because it is the one
 * setting that outlives it: the pane remembers it for the next session.
 */
import type { Template } from "../../../../schemas/template";
import { numericCells } from "../../../../schemas/layout/officer/matrix-sheet";
import { describeError } from "../describe-error";
import type { PaneVoice } from "./notices";
import type { OfficerSheets } from "./officer-sheets";

export interface ChartState {
  /** The item charted now. */
  cell: string;
  /** Every item the picker offers. */
  items: { cell: string; label: string }[];
}

export interface ChartChoiceOptions {
  template: Template;
  /** The item chosen last time, if any. */
  remembered?: string | null;
  /** The officer chose another item: remember it for the next session. */
  onChosen?: (cell: string) => void;
  sheets: OfficerSheets;
  /** Resolves once no live refresh is running. */
  settled: () => Promise<void>;
  voice: PaneVoice;
}

export class ChartChoice {
  private chosen: string | undefined;

  constructor(private readonly options: ChartChoiceOptions) {
    const { remembered } = options;
    if (remembered && this.offers(remembered)) this.chosen = remembered;
  }

  /** The item the officer chose; undefined for the plan's default (the first). */
  get cell(): string | undefined {
    return this.chosen;
  }

  state(): ChartState {
    const rows = this.options.sheets.plan?.matrix.rows ?? [];
    return {
      cell: this.chosen ?? rows[0]?.cell ?? "",
      items: rows.map((r) => ({ cell: r.cell, label: `${r.no ? `${r.no} ` : ""}${r.label}（${r.unit}）` })),
    };
  }

  /**
   * Charts another matrix item per unit: only the bar chart is drawn again (the
   * stage chart stays), and later refreshes and re-renders keep the choice.
   */
  async choose(cell: string): Promise<void> {
    const { voice } = this.options;
    if (cell === this.state().cell || !this.offers(cell)) return voice.emit();
    this.chosen = cell;
    this.options.onChosen?.(cell);
    // A refresh in flight may be redrawing the matrix sheet; draw on the sheet it leaves.
    await this.options.settled();
    if (voice.closed) return voice.emit();
    try {
      const bar = await this.options.sheets.redrawBar();
      if (!bar) return voice.emit();
      voice.say("ok", `已更新图表：${bar.title}`);
    } catch (e) {
      voice.say("error", `图表没有更新：${describeError(e)}`);
    }
  }

  private offers(cell: string): boolean {
    return numericCells(this.options.template).some((r) => r.cell === cell);
  }
}
