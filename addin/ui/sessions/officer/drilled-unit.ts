/**
 * The unit the officer drilled into: its report drawn read-only in a sheet of
 * its own (through the filler's sheet adapter, see drill-down.ts) and its
 * audit trail in the pane; drawn again when the unit changes or is acted on.
 * Kept apart from the session so that the hand-off from the officer's sheets
 * to one unit's report is one place.
 */
import type { ChangeEvent } from "../../../../schemas/api/changes";
import type { Template } from "../../../../schemas/template";
import type { FormWorkbook } from "../../../sheet/form-workbook";
import type { ApiClient } from "../../../sync/api-client";
import { drawDrillSheet, drillLayout, historyLines, reportStatusText, type HistoryLine } from "./drill-down";
import { failureText } from "./messages";
import type { PaneVoice } from "./notices";
import type { OfficerSheets } from "./officer-sheets";

export interface DrillState {
  unit: string;
  name: string;
  sheet: string;
  status: string;
  history: HistoryLine[];
  /** Why the history could not be read, if so. */
  historyError: string | null;
}

export interface DrilledUnitOptions {
  api: ApiClient;
  round: string;
  template: Template;
  /** Where the report is drawn (the filler's sheet adapter). */
  forms: FormWorkbook;
  /** The officer's sheets: the unit's name, and where the version read is kept. */
  sheets: OfficerSheets;
  voice: PaneVoice;
}

export class DrilledUnit {
  /** What the pane shows of the drilled unit; null when none is open. */
  state: DrillState | null = null;

  constructor(private readonly options: DrilledUnitOptions) {}

  /** Opens a unit's report read-only in its own sheet, with its history in the pane. */
  async open(code: string): Promise<void> {
    const { template, forms, sheets, voice } = this.options;
    const name = sheets.view?.units.find((u) => u.code === code)?.name ?? code;
    voice.say("info", `正在打开「${name}」的报表…`);
    const [rep, hist] = await this.read(code);
    if (voice.closed) return;
    if (!rep.ok) return voice.fail(rep, `打开「${name}」的报表`);
    await drawDrillSheet(forms, template, rep.data.report, true);
    this.state = {
      unit: code,
      name: rep.data.report.unitName,
      sheet: drillLayout(template, rep.data.report).sheet,
      status: reportStatusText(rep.data.report),
      history: hist.ok ? historyLines(template, hist.data.entries) : [],
      historyError: hist.ok ? null : failureText(hist, "读取修改记录"),
    };
    sheets.versions.set(code, rep.data.version);
    voice.say("ok", `已在工作表「${this.state.sheet}」中打开「${this.state.name}」的报表（只读）`);
  }

  close(): void {
    this.state = null;
  }

  /** After a live refresh: draws the report again when the events touch its unit or lock the round. */
  async changed(events: readonly ChangeEvent[]): Promise<void> {
    const drill = this.state;
    if (drill && events.some((e) => e.unit === drill.unit || e.kind === "lock")) await this.reload();
  }

  /** After an action on `code`: draws the report again when it is the one open. */
  async acted(code: string): Promise<void> {
    if (this.state?.unit === code) await this.reload();
  }

  private async reload(): Promise<void> {
    const drill = this.state;
    if (!drill) return;
    const [rep, hist] = await this.read(drill.unit);
    if (!rep.ok || this.state !== drill) return;
    const { template } = this.options;
    await drawDrillSheet(this.options.forms, template, rep.data.report, false);
    this.state = {
      ...drill,
      status: reportStatusText(rep.data.report),
      history: hist.ok ? historyLines(template, hist.data.entries) : drill.history,
    };
    this.options.voice.emit();
  }

  /** The unit's report and its history, read together. */
  private read(code: string) {
    const { api, round } = this.options;
    return Promise.all([api.report(round, code), api.history(round, code)]);
  }
}
