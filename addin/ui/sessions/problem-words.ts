/**
 * How the pane words the problem counts (the head's counts, the 问题 list's
 * summary line, the line under 上报). Blank required cells held back before
 * the first 上报 are work left to do, said neutrally: 待填 N 项, never 错误.
 */
import type { ProblemSummary } from "./problem-map";

export interface CountsLabel {
  text: string;
  /** "todo": only 待填 left, shown in a neutral colour. */
  tone: "error" | "warning" | "todo" | "ok";
}

export function countsLabel(s: ProblemSummary): CountsLabel {
  const parts = s.errors + s.warnings > 0 ? [`错误 ${s.errors}`, `警告 ${s.warnings}`] : [];
  if (s.toFill > 0) parts.push(`待填 ${s.toFill} 项`);
  const tone = s.errors > 0 ? "error" : s.warnings > 0 ? "warning" : s.toFill > 0 ? "todo" : "ok";
  return { text: parts.length > 0 ? parts.join(" · ") : "无问题", tone };
}

export function summaryText(s: ProblemSummary): string {
  if (s.entries.length === 0) {
    const lead = s.toFill > 0 ? `待填 ${s.toFill} 项必填内容。` : "暂无问题。";
    return `${lead}录入时会自动检查，问题会列在这里。`;
  }
  const unexplained = s.unexplained > 0 ? `（${s.unexplained} 个未填写上报说明）` : "";
  const toFill = s.toFill > 0 ? `；待填 ${s.toFill} 项` : "";
  const notices = s.notices ? `；${s.notices} 条提示（不影响上报）` : "";
  return `${s.errors} 个错误，${s.warnings} 个警告${unexplained}${toFill}${notices}。点击问题可定位到单元格。`;
}

/** Under an enabled 上报: what pressing it will do. */
export function readyText(s: ProblemSummary): string {
  return s.toFill > 0
    ? `还有 ${s.toFill} 项必填内容待填，上报时会逐项列出。`
    : "检查通过，可以上报。上报前会先保存所有修改。";
}
