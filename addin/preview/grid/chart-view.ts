/**
 * The officer's charts in the preview: each chart spec Excel gets, read off the
 * in-memory sheet, drawn as plain SVG over the cells it covers (`from`..`to`,
 * as `chart.setPosition` places it in Excel). Every chart is drawn as
 * horizontal bars — the pie of the stage breakdown too, with each part's share
 * beside its bar — which is enough to read the numbers; Excel draws the real thing.
 */
import type { MemoryChart } from "../../memory/officer-memory";
import { add, clear, h } from "../../ui/views/dom";

export interface BarRow {
  label: string;
  /** Bar length as a share of the longest bar, 0…1. */
  fraction: number;
  /** What is written at the end of the bar. */
  text: string;
}

/** The bars of a chart: lengths against the largest value, labels with shares for a pie. */
export function barRows(chart: Pick<MemoryChart, "type" | "categories" | "values">): BarRow[] {
  const n = Math.max(chart.categories.length, chart.values.length);
  const values = Array.from({ length: n }, (_, i) => chart.values[i] ?? null);
  const largest = Math.max(0, ...values.map((v) => Math.abs(v ?? 0)));
  const total = values.reduce<number>((s, v) => s + (v ?? 0), 0);
  return values.map((v, i) => {
    const label = chart.categories[i] || `第 ${i + 1} 项`;
    if (v === null) return { label, fraction: 0, text: "—" };
    const share = chart.type === "Pie" && total > 0 ? `（${((v / total) * 100).toFixed(1)}%）` : "";
    return { label, fraction: largest > 0 ? Math.abs(v) / largest : 0, text: `${number(v)}${share}` };
  });
}

/** Redraws every chart of the shown sheet into `layer`, positioned over the cells `cellAt` finds. */
export function drawCharts(
  layer: HTMLElement,
  charts: readonly MemoryChart[],
  cellAt: (address: string) => HTMLElement | undefined,
): void {
  clear(layer);
  // Measuring forces a layout of the whole grid: not for sheets without charts.
  if (charts.length === 0) return;
  const origin = layer.getBoundingClientRect();
  for (const chart of charts) {
    const from = cellAt(chart.from)?.getBoundingClientRect();
    const to = cellAt(chart.to)?.getBoundingClientRect();
    if (!from || !to) continue;
    const width = Math.max(200, to.right - from.left);
    const height = Math.max(120, to.bottom - from.top);
    const box = h("figure", { class: "xl-chart", "data-chart": chart.name, "aria-label": chart.title });
    box.style.left = `${from.left - origin.left}px`;
    box.style.top = `${from.top - origin.top}px`;
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
    add(box, h("figcaption", {}, chart.title), barsSvg(barRows(chart), width - 16, height - 40));
    add(layer, box);
  }
}

const SVG = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function barsSvg(rows: readonly BarRow[], width: number, height: number): SVGSVGElement {
  const root = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img" });
  if (rows.length === 0) return root;
  const pitch = Math.min(28, height / rows.length);
  const labelWidth = Math.min(width * 0.4, 12 + Math.max(...rows.map((r) => textWidth(r.label))));
  const valueWidth = 8 + Math.max(...rows.map((r) => textWidth(r.text)));
  const room = Math.max(10, width - labelWidth - valueWidth - 8);
  rows.forEach((r, i) => {
    const y = i * pitch;
    const middle = y + pitch / 2;
    const length = r.fraction * room;
    root.appendChild(
      svg(
        "text",
        { x: labelWidth - 6, y: middle, "text-anchor": "end", "dominant-baseline": "middle", class: "xl-chart-label" },
        r.label,
      ),
    );
    root.appendChild(
      svg("rect", { x: labelWidth, y: y + pitch * 0.18, width: length, height: pitch * 0.64, class: "xl-bar" }),
    );
    root.appendChild(
      svg(
        "text",
        { x: labelWidth + length + 4, y: middle, "dominant-baseline": "middle", class: "xl-chart-value" },
        r.text,
      ),
    );
  });
  return root;
}

/** Pixels at 12 px: CJK characters are square, the rest about half as wide. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 7;
  return w;
}

/** As the sheet shows numbers: no float noise, at most 2 decimals, grouped thousands. */
function number(v: number): string {
  return (Math.round(v * 100) / 100).toLocaleString("zh-CN", { maximumFractionDigits: 2 });
}
