/**
 * 历年趋势: the charted item summed under the node, one bar per round of the form,
 * oldest first (GET /trend). Drawn in the pane: the rounds of other years are not
 * on the officer sheets, and a few bars need no workbook.
 */
import type { Trend } from "../../../../schemas/api/trend";
import { h } from "../dom";

export function trendView(trend: Trend): HTMLElement {
  const numbers = trend.rounds.map((r) => (r.value === null ? null : Number(r.value)));
  const max = Math.max(0, ...numbers.map((n) => Math.abs(n ?? 0)));
  return h(
    "div",
    { class: "hb-trend", "data-trend": trend.key },
    h("p", { class: "hb-hint" }, `${trend.label}（${trend.unit.name}，已上报和已审核的单位之和）`),
    ...trend.rounds.map((r, i) => {
      const n = numbers[i] ?? null;
      const width = n === null || max === 0 ? 0 : Math.round((Math.abs(n) / max) * 100);
      return h(
        "div",
        { class: "hb-trend-row", "data-trend-round": r.round },
        h("span", { class: "hb-trend-period" }, r.period),
        h("span", { class: "hb-trend-bar" }, h("span", { style: `width:${width}%` })),
        h("span", { class: "hb-trend-value" }, r.value ?? "—"),
        h("span", { class: "hb-hint" }, `${r.reported}/${r.expected} 单位`),
      );
    }),
  );
}
