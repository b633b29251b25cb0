/** The open form: title, the reviewer's reason, sync state, problem counts, problems, rosters, submit, conflicts. */
import { conflictDialog } from "./conflict-dialog";
import { h } from "./dom";
import type { FormSession, FormState } from "../sessions/form-session";
import { countsLabel } from "../sessions/problem-words";
import { problemsView } from "./problems-view";
import { rosterBar } from "./roster-bar";
import { statusLabel } from "../sessions/rounds";
import { submitBar } from "./submit-bar";
import { syncBadge } from "./sync-badge";

export interface FormView {
  el: HTMLElement;
  dispose(): void;
}

export function formView(
  session: FormSession,
  back: () => void,
  say: (text: string, tone?: "info" | "error") => void,
): FormView {
  const { template } = session;
  const badge = syncBadge(() => void session.retry());
  const counts = h("span", { class: "hb-counts", id: "hb-counts" });
  const status = h("span", { class: "hb-state", id: "hb-report-status" });
  const returned = h("div", { class: "hb-returned", id: "hb-return-reason", role: "alert", hidden: true });
  const readOnly = h("p", { class: "hb-hint hb-readonly", hidden: true }, "报表已上报，表格为只读。");
  const problems = problemsView({
    pick: (p) => {
      if (!p.cell) return;
      session.select(p.cell).catch(() => say("无法定位到该单元格", "error"));
    },
    explain: (id, text) => session.explain(id, text),
  });
  const rosters = rosterBar(async (roster, count) => {
    const rowsOf = () => session.state().rosters.find((x) => x.key === roster);
    const before = rowsOf()?.rows;
    await session.addRows(roster, count);
    const r = rowsOf();
    // A roster that could not grow says why in the verdict under 上报.
    if (r && r.rows !== before) say(`${r.title}现有 ${r.rows} 行，可以粘贴了`);
  });
  const submit = submitBar(() => void session.submit());
  const conflicts = conflictDialog(
    (cell) => session.describe(cell),
    (choices) => session.resolve(choices),
  );
  const backButton = h("button", { type: "button", class: "hb-link", id: "hb-back", onclick: back }, "← 全部报表");

  const el = h(
    "div",
    { class: "hb-form" },
    h(
      "section",
      { class: "hb-card hb-form-head" },
      backButton,
      h("h2", { id: "hb-form-title" }, `${template.attachment ? `${template.attachment} ` : ""}${template.title}`),
      h("div", { class: "hb-form-meta" }, badge.el, status, counts),
      readOnly,
    ),
    returned,
    problems.el,
    rosters.el,
    submit.el,
    conflicts.el,
  );

  const show = (s: FormState) => {
    badge.show(s.sync);
    const label = countsLabel(s.summary);
    counts.textContent = label.text;
    counts.dataset.tone = label.tone;
    status.textContent = statusLabel(s.status);
    status.className = `hb-state hb-state-${s.status ?? "unknown"}`;
    returned.hidden = !s.returnReason;
    returned.textContent = s.returnReason ? `审核人退回了本表，原因：${s.returnReason}` : "";
    readOnly.hidden = s.editable;
    problems.show(s.summary, s.explanations, s.editable);
    rosters.show(s);
    submit.show(s);
    conflicts.show(s.sync.state.kind === "conflict" ? s.sync.state.conflicts : []);
  };
  const unsubscribe = session.subscribe(show);
  return { el, dispose: unsubscribe };
}
