/**
 * A roster (名册) compiled: its columns as the engine reads them (input specs,
 * value types, sensitivity), its unique sets by column index, and its binding
 * for expressions (`roster.amount`, `count(roster)`). Publishing issues found
 * on the way (a repeated key or label, 序号 as a column) are pushed to `issues`.
 */
import type { RosterInfo, TemplateIssue } from "./compile";
import type { RosterBinding } from "./expr/compile";
import type { ValueType } from "./expr/value";
import type { InputSpec } from "./input";
import { isSensitive, type Column, type RosterSection } from "./template";

export function typeOfColumn(c: Column): ValueType {
  return c.type === "integer" || c.type === "money" ? "number" : "string";
}

/** The input spec of a roster column or header field (shared with the benchmark's hand-written checks). */
export function columnSpec(c: Column, referenceDate: string): InputSpec {
  switch (c.type) {
    case "integer":
      return { kind: "integer", scale: 0, unit: c.unit, min: c.min, max: c.max };
    case "money":
      return { kind: "money", scale: c.scale ?? 2, unit: c.unit ?? "元", min: c.min ?? 0, max: c.max };
    case "enum":
      return { kind: "enum", options: c.options ?? [] };
    case "text":
      return { kind: "text", maxLength: c.maxLength };
    case "idcard":
      return { kind: "idcard", today: referenceDate };
    default:
      return { kind: c.type };
  }
}

const bindings = new WeakMap<RosterInfo, RosterBinding>();
export function bindRoster(roster: RosterInfo | undefined): RosterBinding | undefined {
  if (!roster) return undefined;
  let b = bindings.get(roster);
  if (!b) {
    b = {
      index: roster.index,
      key: roster.key,
      columns: new Map(roster.columns.map((c) => [c.key, { index: c.index, type: c.type }])),
    };
    bindings.set(roster, b);
  }
  return b;
}

export function rosterInfo(
  section: RosterSection,
  index: number,
  at: string,
  referenceDate: string,
  issues: TemplateIssue[],
): RosterInfo {
  const title = section.title ?? "名册";
  const columns = section.columns.map((c, i) => ({
    index: i,
    key: c.key,
    label: c.label,
    where: `${title}「${c.label}」`,
    spec: columnSpec(c, referenceDate),
    type: typeOfColumn(c),
    required: c.required,
    sensitive: isSensitive(c),
  }));
  const columnByKey = new Map(columns.map((c) => [c.key, c]));
  if (columnByKey.size !== columns.length) issues.push({ path: `${at}.columns`, message: "列键名重复" });
  // The sheet's table heads its columns with these names (and 序号 of its own):
  // Excel renames a repeated one, and the computed items' formulas name them.
  const labels = new Set<string>(["序号"]);
  section.columns.forEach((c, i) => {
    const label = c.label.trim();
    const path = `${at}.columns[${i}].label`;
    if (label === "序号") issues.push({ path, message: "名册列「序号」由系统自动编号，请删除该列" });
    else if (labels.has(label)) issues.push({ path, message: `名册列名称「${label}」重复` });
    labels.add(label);
  });
  const unique = section.unique.map((set, u) =>
    set.map((key, k) => {
      const col = columnByKey.get(key);
      if (!col) issues.push({ path: `${at}.unique[${u}][${k}]`, message: `未知列 ${key}` });
      return col?.index ?? -1;
    }),
  );
  return {
    index,
    key: section.key,
    title,
    columns,
    columnByKey,
    unique,
    rowRules: [],
    maxRows: section.maxRows,
  };
}
