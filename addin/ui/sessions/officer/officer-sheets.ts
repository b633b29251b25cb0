/**
 * The officer's sheets for one node of the unit tree: reads the consolidation
 * (with the report versions actions send as If-Match), plans the status,
 * matrix, consolidated and chart sheets and draws them; an update afterwards
 * writes only what changed. Kept apart from the session so that drawing is one
 * place, whatever asks for it (opening, the live refresh, an action, a choice).
 *
 * The unit order of the sheets is the unit tree's (as printed), so a unit
 * that submits changes cells, not the shape: an update is then a single
 * `OfficerWorkbook.refresh` (one `Excel.run`), however many units moved.
 */
import type { UnitTreeNode } from "../../../../schemas/api/me";
import type { Template } from "../../../../schemas/template";
import type { OfficerWorkbook } from "../../../sheet/officer-workbook";
import { UNIT_BAR_CHART, type ChartSpec } from "../../../../schemas/layout/officer/charts";
import { officerPlan, type OfficerPlan } from "../../../../schemas/layout/officer/plan";
import { refreshPlan, type RefreshPlan } from "../../../sheet/officer/refresh";
import { stampText } from "../../../../schemas/layout/officer/status-sheet";
import type { OfficerView } from "../../../../schemas/layout/officer/view";
import type { ApiClient } from "../../../sync/api-client";
import type { ApiFailure } from "../../../sync/api-result";
import { failureText } from "./messages";
import type { PaneVoice } from "./notices";
import { fetchOfficerView, isFailure } from "./officer-data";
import { nodeChoices, treeOrder } from "./unit-tree";

export interface OfficerSheetsOptions {
  api: ApiClient;
  sheets: OfficerWorkbook;
  round: string;
  template: Template;
  tree: readonly UnitTreeNode[];
  /** The node consolidated first. */
  node: string;
  now?: () => Date;
  /** The matrix item charted per unit; undefined for the first. */
  chartCell: () => string | undefined;
}

type Sheet = RefreshPlan["rerender"][number];
const EVERY_SHEET: readonly Sheet[] = ["status", "matrix", "consolidated"];

export class OfficerSheets {
  node: string;
  nodeName: string;
  view: OfficerView | undefined;
  plan: OfficerPlan | undefined;
  /** unit → the report version the officer sees; actions send it as If-Match. */
  versions = new Map<string, number>();
  /** 最后更新：… of the sheets; null before the first load. */
  stamp: string | null = null;
  loading = false;
  /** Render and refresh calls made on the officer sheets, for the pane's tests. */
  readonly counts = { renders: 0, refreshes: 0 };
  private readonly order: Map<string, number>;

  constructor(
    private readonly options: OfficerSheetsOptions,
    private readonly voice: PaneVoice,
  ) {
    this.order = treeOrder(options.tree);
    this.node = options.node;
    this.nodeName = this.nameOf(options.node);
  }

  /** Turns to another node: its sheets are drawn by the next `load`. */
  select(code: string): void {
    this.node = code;
    this.nodeName = this.nameOf(code);
    this.view = undefined;
    this.plan = undefined;
  }

  /** Reads the consolidation and draws every sheet and chart. */
  async load(): Promise<void> {
    this.loading = true;
    this.voice.say("info", `正在汇总「${this.nodeName}」…`);
    const view = await this.fetchView();
    this.loading = false;
    if (this.voice.closed) return;
    if (isFailure(view)) return this.voice.fail(view, "读取汇总");
    const plan = this.planOf(view);
    const stamp = stampText(this.now());
    await this.draw(plan, EVERY_SHEET, stamp);
    await this.options.sheets.renderCharts(plan.charts);
    this.counts.renders++;
    this.keep(view, plan, stamp);
    this.voice.say("ok", `已生成「${view.unit.name}」的汇总、分单位明细和填报情况`);
  }

  /** Reads the consolidation again and writes what changed (a first load when nothing is drawn yet). */
  async update(): Promise<void> {
    if (!this.plan) return this.load();
    const view = await this.fetchView();
    if (this.voice.closed) return;
    if (isFailure(view)) {
      this.voice.say(
        "error",
        `${failureText(view, "刷新")}（表中是${this.stamp?.replace("最后更新：", "") ?? "上次"}的数据）`,
      );
      return;
    }
    const next = this.planOf(view);
    const changes = refreshPlan(this.plan, next);
    const stamp = stampText(this.now());
    await this.draw(next, changes.rerender, stamp);
    if (changes.rerender.some((w) => w !== "status")) await this.options.sheets.renderCharts(next.charts);
    await this.options.sheets.refresh(changes.patches, stamp);
    this.counts.refreshes++;
    this.keep(view, next, stamp);
    this.voice.emit();
  }

  /** Plans again with the current chart choice and draws the bar chart alone; the chart drawn, if any. */
  async redrawBar(): Promise<ChartSpec | undefined> {
    if (!this.view) return undefined;
    this.plan = this.planOf(this.view);
    const bar = this.plan.charts.find((c) => c.name === UNIT_BAR_CHART);
    if (bar) await this.options.sheets.renderCharts([bar]);
    return bar;
  }

  private nameOf(code: string): string {
    return nodeChoices(this.options.tree, code)[0]?.name ?? code;
  }

  private planOf(view: OfficerView): OfficerPlan {
    return officerPlan(view, { chartCell: this.options.chartCell() });
  }

  private async fetchView(): Promise<OfficerView | ApiFailure> {
    const { api, round, template } = this.options;
    const got = await fetchOfficerView(api, round, template, this.node, this.order);
    if (isFailure(got)) return got;
    if (got.versions) this.versions = got.versions;
    this.nodeName = got.view.unit.name;
    return got.view;
  }

  /** Renders the named sheets of `plan`, in that order. */
  private async draw(plan: OfficerPlan, which: readonly Sheet[], stamp: string): Promise<void> {
    const { sheets } = this.options;
    for (const sheet of which) {
      if (sheet === "status") await sheets.renderStatus(plan.status, stamp);
      if (sheet === "matrix") await sheets.renderMatrix(plan.matrix, stamp);
      if (sheet === "consolidated") await sheets.renderConsolidated(plan.consolidated, stamp);
    }
  }

  private keep(view: OfficerView, plan: OfficerPlan, stamp: string): void {
    this.view = view;
    this.plan = plan;
    this.stamp = stamp;
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}
