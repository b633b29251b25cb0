/**
 * One round open in the officer's pane, without any DOM: the state the pane
 * draws and the actions it offers, put together from one part per concern —
 * the officer's sheets (officer-sheets.ts), the live refresh driven by the
 * change feed (live-refresh.ts), the review actions (review.ts), the chart
 * item choice (chart-choice.ts), the drilled unit (drilled-unit.ts) and the
 * message line (notices.ts). The node choice and export are the session's
 * own. Tested against the memory workbooks and a fake server, like the
 * filler's FormSession.
 */
import type { Round } from "../../../../schemas/api/rounds";
import type { UnitTreeNode } from "../../../../schemas/api/me";
import type { ApiResult } from "../../../sync/api-result";
import type { Trend } from "../../../../schemas/api/trend";
import type { Template } from "../../../../schemas/template";
import type { OfficerWorkbook } from "../../../sheet/officer-workbook";
import type { FormWorkbook } from "../../../sheet/form-workbook";
import type { OfficerUnit } from "../../../../schemas/layout/officer/view";
import type { ApiClient, ExportFile, ExportFormat } from "../../../sync/api-client";
import type { Timers } from "../../../sync/timers";
import { ChartChoice, type ChartState } from "./chart-choice";
import { DrilledUnit, type DrillState } from "./drilled-unit";
import { LiveRefresh } from "./live-refresh";
import { Notices, type OfficerMessage } from "./notices";
import { OfficerSheets } from "./officer-sheets";
import { Review, type ApproveAllResult } from "./review";
import { nodeChoices, type NodeChoice } from "./unit-tree";

export type { DrillState } from "./drilled-unit";
export type { OfficerMessage } from "./notices";

export interface OfficerUnitRow extends OfficerUnit {
  /** The report version the officer sees; actions send it as If-Match. */
  version: number | null;
}

export interface OfficerState {
  round: Round;
  node: { code: string; name: string };
  nodes: NodeChoice[];
  units: OfficerUnitRow[];
  /** 最后更新：… of the sheets; null before the first load. */
  stamp: string | null;
  loading: boolean;
  busy: boolean;
  message: OfficerMessage | null;
  drill: DrillState | null;
  chart: ChartState;
}

export interface OfficerSessionOptions {
  api: ApiClient;
  sheets: OfficerWorkbook;
  /** Where drill-down reports are drawn (the filler's sheet adapter). */
  forms: FormWorkbook;
  round: Round;
  template: Template;
  /** The visible unit tree, for the node picker. */
  tree: readonly UnitTreeNode[];
  /** The node consolidated first. */
  node: string;
  timers?: Timers;
  now?: () => Date;
  poll?: { minMs?: number; maxMs?: number };
  /** The matrix item charted per unit, as chosen last time; default the first item. */
  chartCell?: string | null;
  /** The officer chose another item: remember it for the next session. */
  onChartItem?: (cell: string) => void;
  /** The token stopped working while the round was open; the live refresh has stopped. */
  signedOut?: () => void;
}

export class OfficerSession {
  private readonly notices: Notices<OfficerState>;
  private readonly drawing: OfficerSheets;
  private readonly live: LiveRefresh;
  private readonly drill: DrilledUnit;
  private readonly chart: ChartChoice;
  private readonly review: Review;

  /** Loads the consolidation of `options.node`, draws the sheets and starts the live refresh. */
  static async open(options: OfficerSessionOptions): Promise<OfficerSession> {
    const session = new OfficerSession(options);
    await session.live.fastForward();
    await session.drawing.load();
    if (!session.notices.closed) session.live.start();
    return session;
  }

  private constructor(private readonly options: OfficerSessionOptions) {
    const { api, template } = options;
    const round = options.round.id;
    const voice = new Notices(() => this.state());
    const sheets = new OfficerSheets(
      {
        api,
        sheets: options.sheets,
        round,
        template,
        tree: options.tree,
        node: options.node,
        now: options.now,
        chartCell: () => this.chart.cell,
      },
      voice,
    );
    const drill = new DrilledUnit({ api, round, template, forms: options.forms, sheets, voice });
    const live = new LiveRefresh({
      api,
      round,
      timers: options.timers,
      poll: options.poll,
      units: () => sheets.view?.units,
      update: () => sheets.update(),
      changed: (events) => drill.changed(events),
      signedOut: options.signedOut,
      voice,
    });
    this.notices = voice;
    this.drawing = sheets;
    this.drill = drill;
    this.live = live;
    this.chart = new ChartChoice({
      template,
      remembered: options.chartCell,
      onChosen: options.onChartItem,
      sheets,
      settled: () => live.settled(),
      voice,
    });
    this.review = new Review({
      api,
      round,
      template,
      sheets,
      voice,
      refresh: () => live.refresh(),
      acted: (code) => drill.acted(code),
    });
  }

  get round(): Round {
    return this.options.round;
  }

  get template(): Template {
    return this.options.template;
  }

  /**
   * 历年趋势: the charted item in every round of this form, summed under the
   * current node, oldest first; keys renamed across versions are followed (GET /trend).
   */
  async trend(): Promise<ApiResult<Trend>> {
    const key = this.chart.state().cell;
    if (!key)
      return {
        ok: false,
        offline: false,
        status: 0,
        code: "no_item",
        message: "这张表没有可以逐年比较的项目",
        details: null,
      };
    return this.options.api.trend({ template: this.options.template.id, key, unit: this.drawing.node });
  }

  /** Render and refresh calls made on the officer sheets, for the pane's tests. */
  get counts(): { renders: number; refreshes: number } {
    return this.drawing.counts;
  }

  /** The wait before the next poll of the change feed. */
  get nextPollMs(): number {
    return this.live.nextPollMs;
  }

  /** The live refresh's pace: every `minMs` while units are yet to report, at most `maxMs` apart otherwise. */
  get pollInterval(): { minMs: number; maxMs: number } {
    return this.live.interval;
  }

  /** Called with every new state, and once right away. Returns the unsubscribe. */
  subscribe(listener: (s: OfficerState) => void): () => void {
    return this.notices.subscribe(listener);
  }

  state(): OfficerState {
    const { view, versions } = this.drawing;
    return {
      round: this.options.round,
      node: { code: this.drawing.node, name: this.drawing.nodeName },
      // The picker lists the node the session was opened on and the nodes with sub-units below it.
      nodes: nodeChoices(this.options.tree, this.options.node),
      units: (view?.units ?? []).map((u) => ({ ...u, version: versions.get(u.code) ?? null })),
      stamp: this.drawing.stamp,
      loading: this.drawing.loading,
      busy: this.notices.busy,
      message: this.notices.message,
      drill: this.drill.state,
      chart: this.chart.state(),
    };
  }

  /** Consolidates another node of the tree (a district with its own sub-units, or the city again). */
  async setNode(code: string): Promise<void> {
    if (code === this.drawing.node) return;
    this.drawing.select(code);
    this.drill.close();
    await this.drawing.load();
  }

  /** Charts another matrix item per unit; only the bar chart is drawn again. */
  setChartItem(cell: string): Promise<void> {
    return this.chart.choose(cell);
  }

  /** Reads the consolidation again and writes what changed (also what the live poll calls). */
  refresh(): Promise<void> {
    return this.live.refresh();
  }

  /** Polls the change feed now instead of waiting for the next tick. */
  pollNow(): Promise<void> {
    return this.live.pollNow();
  }

  /** Opens a unit's report read-only in its own sheet, with its history in the pane. */
  openUnit(code: string): Promise<void> {
    return this.drill.open(code);
  }

  /** Returns a submitted report to its unit; the reason is required and shown to the filler. */
  returnUnit(code: string, reason: string): Promise<boolean> {
    return this.review.returnUnit(code, reason);
  }

  /** Approves one submitted report after checking it is clean; it turns read-only. */
  approve(code: string): Promise<boolean> {
    return this.review.approve(code);
  }

  /** Approves every submitted report that has no error and explains every warning. */
  approveAll(): Promise<ApproveAllResult> {
    return this.review.approveAll();
  }

  /** The consolidation of the current node as a file from the Worker; null (with a message) on failure. */
  async exportFile(format: ExportFormat): Promise<ExportFile | null> {
    const res = await this.options.api.exportConsolidated(this.options.round.id, format, { unit: this.drawing.node });
    if (!res.ok) {
      this.notices.fail(res, `导出 ${format.toUpperCase()}`);
      return null;
    }
    this.notices.say("ok", `已导出「${res.data.filename}」`);
    return res.data;
  }

  /**
   * 下发: the forms of every unit below the current node as one zip, each already
   * headed with its unit (forms.zip); null (with a message) on failure.
   */
  async distribute(): Promise<ExportFile | null> {
    const res = await this.options.api.formsZip(this.options.round.id, this.drawing.node);
    if (!res.ok) {
      this.notices.fail(res, "下发填报表");
      return null;
    }
    this.notices.say("ok", `已下载「${res.data.filename}」：每个单位一个填报表，可发给没有安装插件的单位填写。`);
    return res.data;
  }

  async dispose(): Promise<void> {
    this.notices.close();
    this.live.stop();
    await this.live.settled();
  }
}
