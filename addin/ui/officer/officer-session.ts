/**
 * One round open in the officer's pane, without any DOM: consolidation →
 * plan → the officer sheets; the change feed → refreshPlan → one refresh;
 * drill-down, return, approve and export through the API. Tested against the
 * memory workbooks and a fake server, like the filler's FormSession.
 *
 * The unit order of the sheets is the unit tree's (as printed), so a unit
 * that submits changes cells, not the shape: a live refresh is then a single
 * `OfficerWorkbook.refresh` (one `context.sync()`), however many units moved.
 */
import type { ChangeEvent } from "../../../schemas/api/changes";
import type { Round } from "../../../schemas/api/rounds";
import type { UnitTreeNode } from "../../../schemas/api/me";
import type { Template } from "../../../schemas/template";
import type { OfficerWorkbook } from "../../excel/officer-workbook";
import type { FormWorkbook } from "../../excel/workbook";
import { UNIT_BAR_CHART } from "../../officer/charts";
import { numericCells } from "../../officer/matrix-layout";
import { officerPlan, refreshPlan, type OfficerPlan } from "../../officer/plan";
import { stampText } from "../../officer/status-layout";
import type { OfficerUnit, OfficerView } from "../../officer/view";
import type { ApiClient, ExportFile, ExportFormat } from "../../sync/api-client";
import type { ApiFailure } from "../../sync/api-result";
import { ChangesPoller } from "../../sync/changes-poller";
import type { Timers } from "../../sync/timers";
import { describeError } from "../dom";
import { drawDrillSheet, drillLayout, historyLines, isClean, reportStatusText, type HistoryLine } from "./drill-down";
import { failureText } from "./messages";
import { fetchOfficerView, isFailure } from "./officer-data";
import { PANE_STATUS } from "./progress";
import { nodeChoices, treeOrder, type NodeChoice } from "./unit-tree";

export interface OfficerMessage {
  tone: "ok" | "error" | "info";
  text: string;
}

export interface OfficerUnitRow extends OfficerUnit {
  /** The report version the officer sees; actions send it as If-Match. */
  version: number | null;
}

export interface DrillState {
  unit: string;
  name: string;
  sheet: string;
  status: string;
  history: HistoryLine[];
  /** Why the history could not be read, if so. */
  historyError: string | null;
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
  chart: { cell: string; items: { cell: string; label: string }[] };
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
  private node: string;
  private nodeName: string;
  private view: OfficerView | undefined;
  private plan: OfficerPlan | undefined;
  private versions = new Map<string, number>();
  private readonly order: Map<string, number>;
  private stamp: string | null = null;
  private loading = false;
  private busy = false;
  private message: OfficerMessage | null = null;
  private drill: DrillState | null = null;
  private chartCell: string | undefined;
  private refreshing: Promise<void> | null = null;
  private again = false;
  private readonly poller: ChangesPoller;
  private readonly listeners = new Set<(s: OfficerState) => void>();
  private disposed = false;
  /** Render and refresh calls made on the officer sheets, for the pane's tests. */
  readonly counts = { renders: 0, refreshes: 0 };

  /** Loads the consolidation of `options.node`, draws the sheets and starts the live refresh. */
  static async open(options: OfficerSessionOptions): Promise<OfficerSession> {
    const session = new OfficerSession(options);
    await session.poller.fastForward();
    await session.load();
    if (!session.disposed) session.poller.start();
    return session;
  }

  private constructor(private readonly options: OfficerSessionOptions) {
    this.node = options.node;
    this.order = treeOrder(options.tree);
    this.nodeName = nodeChoices(options.tree, options.node)[0]?.name ?? options.node;
    // A remembered item the template no longer has falls back to the first one.
    const chosen = options.chartCell;
    if (chosen && numericCells(options.template).some((r) => r.cell === chosen)) this.chartCell = chosen;
    this.poller = new ChangesPoller({
      api: options.api,
      round: options.round.id,
      timers: options.timers,
      minMs: options.poll?.minMs,
      maxMs: options.poll?.maxMs,
      relevant: (e) => this.concerns(e),
      onEvents: (events) => this.changed(events),
      // Until every unit has reported, a submission is what the officer waits for: keep the short interval.
      expecting: () => this.view?.units.some((u) => u.status !== "submitted" && u.status !== "approved") ?? true,
      onSignedOut: () => void this.signedOut(),
    });
  }

  get round(): Round {
    return this.options.round;
  }

  get template(): Template {
    return this.options.template;
  }

  /** The wait before the next poll of the change feed. */
  get nextPollMs(): number {
    return this.poller.nextDelay;
  }

  /** The live refresh's pace: every `minMs` while units are yet to report, at most `maxMs` apart otherwise. */
  get pollInterval(): { minMs: number; maxMs: number } {
    return { minMs: this.poller.min, maxMs: this.poller.max };
  }

  subscribe(listener: (s: OfficerState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state());
    return () => this.listeners.delete(listener);
  }

  state(): OfficerState {
    const units = (this.view?.units ?? []).map((u) => ({ ...u, version: this.versions.get(u.code) ?? null }));
    const rows = this.plan?.matrix.rows ?? [];
    return {
      round: this.options.round,
      node: { code: this.node, name: this.nodeName },
      nodes: nodeChoices(this.options.tree, this.rootChoice()),
      units,
      stamp: this.stamp,
      loading: this.loading,
      busy: this.busy,
      message: this.message,
      drill: this.drill,
      chart: {
        cell: this.chartCell ?? rows[0]?.cell ?? "",
        items: rows.map((r) => ({ cell: r.cell, label: `${r.no ? `${r.no} ` : ""}${r.label}（${r.unit}）` })),
      },
    };
  }

  /** Consolidates another node of the tree (a district with its own sub-units, or the city again). */
  async setNode(code: string): Promise<void> {
    if (code === this.node) return;
    this.node = code;
    this.nodeName = nodeChoices(this.options.tree, code)[0]?.name ?? code;
    this.drill = null;
    this.view = undefined;
    this.plan = undefined;
    await this.load();
  }

  /**
   * Charts another matrix item per unit: only the bar chart is drawn again (the
   * stage chart stays), and later refreshes and re-renders keep the choice.
   */
  async setChartItem(cell: string): Promise<void> {
    if (cell === this.state().chart.cell || !numericCells(this.template).some((r) => r.cell === cell)) return this.emit();
    this.chartCell = cell;
    this.options.onChartItem?.(cell);
    // A refresh in flight may be redrawing the matrix sheet; draw on the sheet it leaves.
    await this.refreshing?.catch(() => undefined);
    if (!this.view || this.disposed) return this.emit();
    this.plan = this.planOf(this.view);
    const bar = this.plan.charts.find((c) => c.name === UNIT_BAR_CHART);
    if (!bar) return this.emit();
    try {
      await this.options.sheets.renderCharts([bar]);
      this.say("ok", `已更新图表：${bar.title}`);
    } catch (e) {
      this.say("error", `图表没有更新：${describeError(e)}`);
    }
  }

  /** Reads the consolidation again and writes what changed (also what the live poll calls). */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        await this.refreshOnce();
      } while (this.again && !this.disposed);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Polls the change feed now instead of waiting for the next tick. */
  pollNow(): Promise<void> {
    return this.poller.poll();
  }

  /** Opens a unit's report read-only in its own sheet, with its history in the pane. */
  async openUnit(code: string): Promise<void> {
    const unit = this.view?.units.find((u) => u.code === code);
    const name = unit?.name ?? code;
    this.say("info", `正在打开「${name}」的报表…`);
    const { api } = this.options;
    const round = this.options.round.id;
    const [rep, hist] = await Promise.all([api.report(round, code), api.history(round, code)]);
    if (this.disposed) return;
    if (!rep.ok) return this.fail(rep, `打开「${name}」的报表`);
    await drawDrillSheet(this.options.forms, this.template, rep.data.report, true);
    this.drill = {
      unit: code,
      name: rep.data.report.unitName,
      sheet: drillLayout(this.template, rep.data.report).sheet,
      status: reportStatusText(rep.data.report),
      history: hist.ok ? historyLines(this.template, hist.data.entries) : [],
      historyError: hist.ok ? null : failureText(hist, "读取修改记录"),
    };
    this.versions.set(code, rep.data.version);
    this.say("ok", `已在工作表「${this.drill.sheet}」中打开「${this.drill.name}」的报表（只读）`);
  }

  /** Returns a submitted report to its unit; the reason is required and shown to the filler. */
  async returnUnit(code: string, reason: string): Promise<boolean> {
    const text = reason.trim();
    const unit = this.unit(code);
    if (!text) {
      this.say("error", "退回必须填写原因，填报单位会看到这段话");
      return false;
    }
    if (!unit) return false;
    if (unit.status !== "submitted") {
      this.say("error", `「${unit.name}」的报表目前是“${statusWord(unit)}”，只有已提交的报表可以退回`);
      return false;
    }
    return this.act(unit, "退回", async (version) => {
      const res = await this.options.api.returnReport(this.round.id, code, version, text);
      return res.ok ? { ok: true, text: `已退回「${unit.name}」，原因已转给填报单位` } : res;
    });
  }

  /** Approves one submitted report after checking it is clean; it turns read-only. */
  async approve(code: string): Promise<boolean> {
    const unit = this.unit(code);
    if (!unit) return false;
    if (unit.status !== "submitted") {
      this.say("error", `「${unit.name}」的报表目前是“${statusWord(unit)}”，只有已提交的报表可以审核通过`);
      return false;
    }
    return this.act(unit, "审核通过", async (version) => {
      const check = await this.cleanAt(code, version);
      if (check !== true) return check;
      const res = await this.options.api.approve(this.round.id, code, version);
      return res.ok ? { ok: true, text: `已审核通过「${unit.name}」，该报表已锁定为只读` } : res;
    });
  }

  /** Approves every submitted report that has no error and explains every warning. */
  async approveAll(): Promise<{ approved: string[]; skipped: { name: string; why: string }[] }> {
    const candidates = (this.view?.units ?? []).filter((u) => u.status === "submitted");
    const approved: string[] = [];
    const skipped: { name: string; why: string }[] = [];
    if (candidates.length === 0) {
      this.say("info", "没有待审核的报表");
      return { approved, skipped };
    }
    this.busy = true;
    this.say("info", `正在审核 ${candidates.length} 份报表…`);
    for (const u of candidates) {
      const version = this.versions.get(u.code);
      if (version === undefined) {
        skipped.push({ name: u.name, why: "版本未知，请刷新" });
        continue;
      }
      const check = await this.cleanAt(u.code, version);
      if (check !== true) {
        skipped.push({ name: u.name, why: !check.offline && check.code === "not_clean" ? check.message : failureText(check, "审核") });
        continue;
      }
      const res = await this.options.api.approve(this.round.id, u.code, version);
      if (res.ok) approved.push(u.name);
      else skipped.push({ name: u.name, why: failureText(res, "审核") });
    }
    this.busy = false;
    await this.refresh();
    const head = approved.length > 0 ? `已审核通过 ${approved.length} 家：${approved.join("、")}` : "没有报表被审核通过";
    const tail = skipped.length > 0 ? `；未审核 ${skipped.length} 家：${skipped.map((s) => `${s.name}（${s.why}）`).join("；")}` : "";
    this.say(skipped.length > 0 ? "error" : "ok", head + tail);
    return { approved, skipped };
  }

  /** The consolidation of the current node as a file from the Worker; null (with a message) on failure. */
  async exportFile(format: ExportFormat): Promise<ExportFile | null> {
    const res = await this.options.api.exportConsolidated(this.round.id, format, { unit: this.node });
    if (!res.ok) {
      this.fail(res, `导出 ${format.toUpperCase()}`);
      return null;
    }
    this.say("ok", `已导出「${res.data.filename}」`);
    return res.data;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.poller.stop();
    this.listeners.clear();
    await this.refreshing?.catch(() => undefined);
  }

  // ---- internals -----------------------------------------------------------

  /** The picker lists the node the session was opened on and the nodes with sub-units below it. */
  private rootChoice(): string {
    return this.options.node;
  }

  private unit(code: string): OfficerUnit | undefined {
    const u = this.view?.units.find((x) => x.code === code);
    if (!u) this.say("error", "找不到这个单位，请刷新");
    return u;
  }

  private concerns(e: ChangeEvent): boolean {
    if (e.kind === "lock") return true;
    return this.view?.units.some((u) => u.code === e.unit) ?? false;
  }

  private signedOut(): void {
    this.say("error", "登录已失效，自动刷新已停止，请重新登录");
    this.options.signedOut?.();
  }

  private async changed(events: ChangeEvent[]): Promise<void> {
    await this.refresh();
    const drill = this.drill;
    if (drill && events.some((e) => e.unit === drill.unit || e.kind === "lock")) await this.reloadDrill();
  }

  private planOf(view: OfficerView): OfficerPlan {
    return officerPlan(view, { chartCell: this.chartCell });
  }

  private async fetchView(): Promise<OfficerView | ApiFailure> {
    const got = await fetchOfficerView(this.options.api, this.options.round.id, this.options.template, this.node, this.order);
    if (isFailure(got)) return got;
    if (got.versions) this.versions = got.versions;
    this.nodeName = got.view.unit.name;
    return got.view;
  }

  private async load(): Promise<void> {
    this.loading = true;
    this.say("info", `正在汇总「${this.nodeName}」…`);
    const view = await this.fetchView();
    this.loading = false;
    if (this.disposed) return;
    if (isFailure(view)) return this.fail(view, "读取汇总");
    const plan = this.planOf(view);
    const stamp = stampText(this.now());
    const { sheets } = this.options;
    await sheets.renderStatus(plan.status, stamp);
    await sheets.renderMatrix(plan.matrix, stamp);
    await sheets.renderConsolidated(plan.consolidated, stamp);
    await sheets.renderCharts(plan.charts);
    this.counts.renders++;
    this.view = view;
    this.plan = plan;
    this.stamp = stamp;
    this.say("ok", `已生成「${view.unit.name}」的汇总、分单位明细和填报情况`);
  }

  private async refreshOnce(): Promise<void> {
    if (!this.plan) return this.load();
    const view = await this.fetchView();
    if (this.disposed) return;
    if (isFailure(view)) {
      this.message = { tone: "error", text: `${failureText(view, "刷新")}（表中是${this.stamp?.replace("最后更新：", "") ?? "上次"}的数据）` };
      return this.emit();
    }
    const prev = this.plan;
    const next = this.planOf(view);
    const changes = refreshPlan(prev, next);
    const stamp = stampText(this.now());
    const { sheets } = this.options;
    for (const which of changes.rerender) {
      if (which === "status") await sheets.renderStatus(next.status, stamp);
      if (which === "matrix") await sheets.renderMatrix(next.matrix, stamp);
      if (which === "consolidated") await sheets.renderConsolidated(next.consolidated, stamp);
    }
    if (changes.rerender.some((w) => w !== "status")) await sheets.renderCharts(next.charts);
    await sheets.refresh(changes.patches, stamp);
    this.counts.refreshes++;
    this.view = view;
    this.plan = next;
    this.stamp = stamp;
    this.emit();
  }

  /** Re-reads the unit a stale version was refused for, and says so. */
  private async act(
    unit: OfficerUnit,
    what: string,
    run: (version: number) => Promise<{ ok: true; text: string } | ApiFailure>,
  ): Promise<boolean> {
    const version = this.versions.get(unit.code);
    if (version === undefined) {
      this.say("error", `${what}没有完成：不知道「${unit.name}」报表的版本，请刷新后再试`);
      return false;
    }
    this.busy = true;
    this.say("info", `正在${what}「${unit.name}」…`);
    const res = await run(version);
    this.busy = false;
    await this.refresh();
    if (this.drill?.unit === unit.code) await this.reloadDrill();
    if (res.ok) this.say("ok", res.text);
    else this.say("error", failureText(res, `${what}「${unit.name}」`));
    return res.ok;
  }

  /** True when the report at `version` is clean; otherwise why not (as a failure or a sentence). */
  private async cleanAt(code: string, version: number): Promise<true | ApiFailure> {
    const rep = await this.options.api.report(this.round.id, code);
    if (!rep.ok) return rep;
    if (rep.data.version !== version) {
      return { ok: false, offline: false, status: 412, code: "precondition_failed", message: "", details: undefined };
    }
    const check = isClean(this.template, rep.data.report);
    return check.clean ? true : { ok: false, offline: false, status: 422, code: "not_clean", message: `报表${check.why}，请退回修改`, details: undefined };
  }

  private async reloadDrill(): Promise<void> {
    const drill = this.drill;
    if (!drill) return;
    const [rep, hist] = await Promise.all([this.options.api.report(this.round.id, drill.unit), this.options.api.history(this.round.id, drill.unit)]);
    if (!rep.ok || this.drill !== drill) return;
    await drawDrillSheet(this.options.forms, this.template, rep.data.report, false);
    this.drill = {
      ...drill,
      status: reportStatusText(rep.data.report),
      history: hist.ok ? historyLines(this.template, hist.data.entries) : drill.history,
    };
    this.emit();
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private fail(res: ApiFailure, what: string): void {
    this.say("error", failureText(res, what));
  }

  private say(tone: OfficerMessage["tone"], text: string): void {
    this.message = { tone, text };
    this.emit();
  }

  private emit(): void {
    if (this.disposed || this.listeners.size === 0) return;
    const s = this.state();
    for (const l of this.listeners) l(s);
  }
}

function statusWord(u: OfficerUnit): string {
  return PANE_STATUS[u.status];
}
