/**
 * The open round in the officer's pane: node picker, 最后更新, completeness,
 * the item charted per unit, one line per unit (查看 / 退回 / 审核), approve-all, exports
 * and the drilled unit's history. Draws `OfficerState`; all logic is in the session.
 */
import { countStatuses, STATUS_LABEL, summaryText } from "../../../../schemas/status";
import { add, clear, h } from "../dom";
import { trendView } from "./trend-view";
import { dueLabel } from "../../sessions/rounds";
import type { ExportFile } from "../../../sync/api-client";
import type { OfficerSession, OfficerState, OfficerUnitRow } from "../../sessions/officer/officer-session";

export interface OfficerView {
  el: HTMLElement;
  dispose(): void;
}

export function officerView(
  session: OfficerSession,
  back: () => void,
  download: (file: ExportFile) => void,
): OfficerView {
  const { round, template } = session;
  const backButton = h("button", { type: "button", class: "hb-link", id: "hb-back", onclick: back }, "← 全部报表");
  const due = dueLabel(round.dueDate, new Date());
  const stamp = h("span", { class: "hb-stamp", id: "hb-stamp" });
  const reload = h(
    "button",
    { type: "button", class: "hb-link", id: "hb-refresh", onclick: () => void session.refresh() },
    "立即刷新",
  );
  const node = h("select", { class: "hb-input", id: "hb-node", "aria-label": "汇总节点" });
  node.addEventListener("change", () => void session.setNode(node.value));
  const progress = h("p", { class: "hb-progress", id: "hb-progress" });
  const message = h("p", { class: "hb-status", id: "hb-officer-msg", role: "status", "aria-live": "polite" });
  const units = h("ul", { class: "hb-units", id: "hb-units", role: "list" });

  // 退回: a reason is required; the box stays open until it is sent or cancelled.
  let returning: string | null = null;
  const reasonTitle = h("h3", { id: "hb-return-title" });
  const reason = h("textarea", {
    id: "hb-return-reason-input",
    class: "hb-explain",
    placeholder: "请写明需要修改的内容，填报单位会看到这段话",
  });
  const confirmReturn = h("button", { type: "button", class: "hb-primary", id: "hb-return-confirm" }, "确认退回");
  const cancelReturn = h("button", { type: "button", class: "hb-link" }, "取消");
  const returnBox = h(
    "section",
    { class: "hb-card hb-return-box", id: "hb-return-box", hidden: true },
    reasonTitle,
    reason,
    h("div", { class: "hb-actions" }, confirmReturn, cancelReturn),
  );
  const closeReturn = () => {
    returning = null;
    returnBox.hidden = true;
    reason.value = "";
  };
  cancelReturn.addEventListener("click", closeReturn);
  confirmReturn.addEventListener("click", () => {
    const code = returning;
    if (!code) return;
    confirmReturn.disabled = true;
    void session.returnUnit(code, reason.value).then((ok) => {
      confirmReturn.disabled = false;
      if (ok) closeReturn();
    });
  });

  const approveAll = h(
    "button",
    { type: "button", class: "hb-primary", id: "hb-approve-all", onclick: () => void session.approveAll() },
    "审核通过全部合格报表",
  );
  const chart = h("select", { class: "hb-input", id: "hb-chart-item", "aria-label": "图表项目" });
  chart.addEventListener("change", () => void session.setChartItem(chart.value));
  const trendBox = h("div", { id: "hb-trend" });
  const trendButton = h("button", { type: "button", class: "hb-link", id: "hb-trend-show" }, "历年趋势");
  trendButton.addEventListener("click", () => {
    trendBox.textContent = "正在汇总历年数据…";
    void session.trend().then((r) => {
      clear(trendBox);
      add(trendBox, r.ok ? trendView(r.data) : h("p", { class: "hb-status", "data-tone": "error" }, r.message));
    });
  });
  const exportButton = (format: "csv" | "xlsx") =>
    h(
      "button",
      {
        type: "button",
        class: "hb-link",
        id: `hb-export-${format}`,
        onclick: () =>
          void session.exportFile(format).then((file) => {
            if (file) download(file);
          }),
      },
      `导出 ${format.toUpperCase()}`,
    );
  const distributeButton = h(
    "button",
    {
      type: "button",
      class: "hb-link",
      id: "hb-distribute",
      onclick: () =>
        void session.distribute().then((file) => {
          if (file) download(file);
        }),
    },
    "下发填报表",
  );
  const drillTitle = h("h3", { id: "hb-drill-title" });
  const drillStatus = h("p", { class: "hb-hint", id: "hb-drill-status" });
  const history = h("ul", { class: "hb-history", id: "hb-history" });
  const drill = h(
    "section",
    { class: "hb-card", id: "hb-drill", hidden: true },
    drillTitle,
    drillStatus,
    h("h4", {}, "修改记录（最新在前）"),
    history,
  );

  const el = h(
    "div",
    { class: "hb-officer" },
    h(
      "section",
      { class: "hb-card hb-form-head" },
      backButton,
      h("h2", { id: "hb-officer-title" }, `${template.attachment ? `${template.attachment} ` : ""}${template.title}`),
      h(
        "div",
        { class: "hb-form-meta" },
        h("span", {}, `截止 ${round.dueDate}`),
        h("span", { class: `hb-due hb-due-${due.tone}` }, due.text),
      ),
      h("div", { class: "hb-form-meta" }, stamp, reload),
      h("p", { class: "hb-hint", id: "hb-poll-hint" }, pollText(session.pollInterval)),
      h("label", { class: "hb-label", for: "hb-node" }, "汇总节点"),
      node,
      progress,
      h("label", { class: "hb-label", for: "hb-chart-item" }, "分单位条形图的项目"),
      chart,
      trendButton,
      trendBox,
    ),
    message,
    returnBox,
    drill,
    h(
      "section",
      { class: "hb-card" },
      h("div", { class: "hb-card-head" }, h("h2", {}, "各单位")),
      h(
        "p",
        { class: "hb-hint" },
        "待审核的排在前面。“查看”在单独的工作表中打开该单位的报表（只读）并列出修改记录；也可以点分单位明细表头中的单位名称。",
      ),
      units,
      h("div", { class: "hb-actions" }, approveAll),
    ),
    h(
      "section",
      { class: "hb-card" },
      h("div", { class: "hb-actions" }, exportButton("csv"), exportButton("xlsx"), distributeButton),
      h(
        "p",
        { class: "hb-hint" },
        "下发：下载所选节点下每个单位的离线填报表（一个 zip），发给没有安装插件的单位，在 Excel 或 WPS 中填写后通过 fill.html 上传。",
      ),
    ),
  );

  const unitLine = (u: OfficerUnitRow, busy: boolean) => {
    const button = (act: string, text: string, run: () => void) =>
      h("button", { type: "button", class: "hb-link", "data-act": act, disabled: busy, onclick: run }, text);
    const submitted = u.status === "submitted";
    return h(
      "li",
      { class: "hb-unit-row", "data-unit": u.code, "data-status": u.status, "data-late": String(u.late) },
      h("span", { class: "hb-unit-name" }, u.name),
      h("span", { class: `hb-state hb-state-${u.status}` }, STATUS_LABEL[u.status]),
      u.late ? h("span", { class: "hb-late" }, "逾期") : null,
      u.notes > 0 ? h("span", { class: "hb-hint" }, `上报说明 ${u.notes}`) : null,
      button("open", "查看", () => void session.openUnit(u.code)),
      submitted
        ? button("return", "退回", () => {
            returning = u.code;
            reasonTitle.textContent = `退回「${u.name}」的报表`;
            returnBox.hidden = false;
            reason.focus();
          })
        : null,
      submitted ? button("approve", "审核通过", () => void session.approve(u.code)) : null,
    );
  };

  const show = (s: OfficerState) => {
    stamp.textContent = s.stamp ?? "正在读取…";
    if (node.options.length !== s.nodes.length || node.value !== s.node.code) {
      clear(node);
      for (const n of s.nodes)
        add(
          node,
          h(
            "option",
            { value: n.code, selected: n.code === s.node.code },
            `${"　".repeat(n.depth)}${n.name}（${n.units} 家）`,
          ),
        );
      node.value = s.node.code;
    }
    progress.textContent = s.units.length > 0 ? summaryText(countStatuses(s.units)) : "";
    message.textContent = s.message?.text ?? "";
    message.dataset.tone = s.message?.tone ?? "info";
    clear(units);
    for (const u of paneOrder(s.units)) add(units, unitLine(u, s.busy));
    approveAll.disabled = s.busy || !s.units.some((u) => u.status === "submitted");
    if (chart.options.length !== s.chart.items.length) {
      clear(chart);
      for (const item of s.chart.items) add(chart, h("option", { value: item.cell }, item.label));
    }
    chart.value = s.chart.cell;
    drill.hidden = !s.drill;
    if (s.drill) {
      drillTitle.textContent = `${s.drill.name}（工作表「${s.drill.sheet}」）`;
      drillTitle.dataset.unit = s.drill.unit;
      drillStatus.textContent = `状态：${s.drill.status}`;
      clear(history);
      if (s.drill.historyError)
        add(history, h("li", { class: "hb-status", "data-tone": "error" }, s.drill.historyError));
      for (const line of s.drill.history) {
        const changes = line.changes.length > 0 ? h("ul", { class: "hb-history-changes" }) : null;
        for (const c of line.changes.slice(0, 5)) add(changes as HTMLElement, h("li", {}, c));
        if (changes && line.changes.length > 5) add(changes, h("li", {}, `……共 ${line.changes.length} 处`));
        add(
          history,
          h(
            "li",
            { "data-version": line.version },
            h("strong", {}, `${line.at} ${line.who}`),
            ` ${line.what}`,
            changes,
          ),
        );
      }
    }
  };
  const unsubscribe = session.subscribe(show);
  return { el, dispose: unsubscribe };
}

/** The stated pace of the live refresh: how long a district's submission may take to show. */
export function pollText(p: { minMs: number; maxMs: number }): string {
  const s = (ms: number) => `${Number((ms / 1000).toFixed(1))} 秒`;
  if (p.maxMs <= p.minMs) return `每 ${s(p.minMs)}自动检查新的上报`;
  return `有单位未上报时每 ${s(p.minMs)}自动检查新的上报；全部上报后放宽到至多 ${s(p.maxMs)}`;
}

/** What needs the officer first: submitted, then returned, approved, the rest; tree order within each. */
const FIRST: Record<OfficerUnitRow["status"], number> = { submitted: 0, returned: 1, approved: 2, draft: 3 };

function paneOrder(units: readonly OfficerUnitRow[]): OfficerUnitRow[] {
  return units
    .map((u, i) => ({ u, i }))
    .sort((a, b) => FIRST[a.u.status] - FIRST[b.u.status] || a.i - b.i)
    .map((x) => x.u);
}
