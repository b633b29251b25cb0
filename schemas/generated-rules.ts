import type { CellInfo, TemplateIssue } from "./compile";
import { findCycle } from "./cycle";
import type { Rule, Template } from "./template";
import { shortLabel } from "./text";

/**
 * Rules that follow from the structure: 其中 breakdowns and grid total columns.
 * They are written in the rule language so they behave exactly like authored rules.
 */
export function generatedRules(
  template: Template,
  cellByKey: Map<string, CellInfo>,
  issues: TemplateIssue[],
): { rule: Rule; path: string }[] {
  const out: { rule: Rule; path: string }[] = [];
  const edges = new Map<string, string[]>();
  template.breakdowns.forEach((b, i) => {
    const refs = [b.total, ...b.parts];
    const missing = refs.findIndex((key) => cellByKey.get(key)?.type !== "number");
    if (missing >= 0) {
      const where = missing === 0 ? "total" : `parts[${missing - 1}]`;
      issues.push({ path: `breakdowns[${i}].${where}`, message: `未知数值字段 ${refs[missing]}` });
      return;
    }
    if (new Set(b.parts).size !== b.parts.length || b.parts.includes(b.total)) {
      issues.push({ path: `breakdowns[${i}].parts`, message: "其中项重复，或包含了合计本身" });
      return;
    }
    // A total may have several breakdowns (应届/往届 and 已就业/需帮扶 of one 毕业生 total).
    const nth = template.breakdowns.slice(0, i).filter((x) => x.total === b.total).length;
    edges.set(b.total, [...(edges.get(b.total) ?? []), ...b.parts]);
    const total = cellByKey.get(b.total) as CellInfo;
    const unit = total.unit ? ` ${total.unit}` : "";
    const name = shortLabel(total.label);
    const exhaustive = b.mode === "exhaustive";
    const rule: Rule = {
      id: nth === 0 ? `parts:${b.total}` : `parts:${b.total}:${nth + 1}`,
      severity: "error",
      expr: exhaustive ? `${b.total} = ${b.parts.join(" + ")}` : `${b.parts.join(" + ")} <= ${b.total}`,
      message:
        b.message ??
        (exhaustive
          ? `「${name}」为 {left}${unit}，其中各项之和为 {right}${unit}，两者应相等（相差 {diff}${unit}）`
          : `「${name}」的其中各项之和 {left}${unit} 超过了合计 {right}${unit}`),
    };
    out.push({ rule, path: `breakdowns[${i}]` });
  });
  const cycle = findCycle(edges);
  if (cycle) issues.push({ path: "breakdowns", message: `其中项形成循环：${cycle.join(" → ")}`, members: cycle });

  template.sections.forEach((section, s) => {
    if (section.kind !== "grid" || !section.total) return;
    const total = section.total;
    const parts = section.columns.filter((c) => c.key !== total);
    const exhaustive = section.totalMode === "exhaustive";
    for (const row of section.rows) {
      const partRefs = parts.map((c) => `${row.key}.${c.key}`).join(" + ");
      const unit = ` ${row.unit}`;
      const rule: Rule = {
        id: `grid:${row.key}`,
        severity: "error",
        expr: exhaustive ? `${row.key}.${total} = ${partRefs}` : `${partRefs} <= ${row.key}.${total}`,
        message: exhaustive
          ? `「${shortLabel(row.label)}」合计为 {left}${unit}，各分项之和为 {right}${unit}，两者应相等（相差 {diff}${unit}）`
          : `「${shortLabel(row.label)}」各分项之和 {left}${unit} 超过了合计 {right}${unit}`,
      };
      out.push({ rule, path: `sections[${s}].total` });
    }
  });
  return out;
}
