/**
 * 其中 breakdowns and grid totals compiled to Excel formulas (pure), so a
 * workbook mailed around without the add-in still flags "parts ≠ total".
 */
import type { Template } from "../../template";
import { absolute, compactAddresses } from "../address";
import { shortLabel } from "../../text";
import { ruleCondition, type FieldSpec } from "./cell-rules";
import type { SumRule, ValidationBlock } from "./layout-types";
import { fitAlert } from "./validation-texts";

/** Excel caps a data-validation formula at 255 characters. */
const FORMULA_MAX = 255;

/**
 * Sums are compared after ROUND(…, 6): cell values are binary doubles in Excel,
 * and 0.1 + 0.2 must equal 0.3 as it does in the exact rule evaluator. Scales
 * never exceed 6 (schemas/template.ts).
 */
const DIGITS = 6;

export function compileSumRule(
  id: string,
  mode: "exhaustive" | "partial",
  total: string,
  parts: readonly string[],
  message: string,
): SumRule {
  const t = absolute(total);
  const p = compactAddresses(parts).join(",");
  const diff = `ROUND(SUM(${p})-${t},${DIGITS})`;
  // Exhaustive rules are flagged only once every part is filled: while the
  // clerk is still typing the parts, "sum ≠ total" is not yet a mistake.
  const brokenFormula =
    mode === "exhaustive"
      ? `=AND(ISNUMBER(${t}),COUNT(${p})=${parts.length},${diff}<>0)`
      : `=AND(ISNUMBER(${t}),${diff}>0)`;
  return {
    id,
    mode,
    total,
    parts: [...parts],
    message,
    brokenFormula,
    withinFormula: `OR(NOT(ISNUMBER(${t})),${diff}<=0)`,
  };
}

/**
 * Evaluates a sum rule over plain values, for the in-memory workbook. Mirrors
 * the formulas above: blank total → not checked yet.
 */
export function sumRuleState(
  rule: SumRule,
  valueAt: (address: string) => number | null,
): { within: boolean; broken: boolean } {
  const total = valueAt(rule.total);
  if (total === null) return { within: true, broken: false };
  const values = rule.parts.map(valueAt);
  const sum = values.reduce<number>((acc, v) => acc + (v ?? 0), 0);
  const diff = Math.round((sum - total) * 10 ** DIGITS) / 10 ** DIGITS;
  const filled = values.every((v) => v !== null);
  return {
    within: diff <= 0,
    broken: rule.mode === "exhaustive" ? filled && diff !== 0 : diff > 0,
  };
}

/** Breakdowns (`parts:<total>`) and grid totals (`grid:<row>`), with the ids the rule engine uses. */
export function compileSumRules(
  template: Template,
  addressOf: Map<string, string>,
  specAt: Map<string, FieldSpec>,
): SumRule[] {
  const rules: SumRule[] = [];
  const seen = new Map<string, number>();
  for (const b of template.breakdowns) {
    // The rule engine's ids (generated-rules.ts): a total's second breakdown is parts:<total>:2.
    const nth = seen.get(b.total) ?? 0;
    seen.set(b.total, nth + 1);
    const total = addressOf.get(b.total);
    const parts = b.parts.map((p) => addressOf.get(p));
    // A breakdown over roster aggregates has no single cell to point at; the add-in checks it.
    if (!total || parts.some((p) => p === undefined)) continue;
    const name = specAt.get(total)?.where ?? b.total;
    // Messages with {left}/{diff} placeholders are for the rule engine; Excel cannot fill them in.
    const message =
      b.message && !/\{[^}]+\}/.test(b.message)
        ? b.message
        : b.mode === "exhaustive"
          ? `其中各项之和应等于${name}`
          : `其中各项之和不得超过${name}`;
    const id = nth === 0 ? `parts:${b.total}` : `parts:${b.total}:${nth + 1}`;
    rules.push(compileSumRule(id, b.mode, total, parts as string[], message));
  }
  for (const s of template.sections) {
    if (s.kind !== "grid" || !s.total) continue;
    const totalColumn = s.columns.find((c) => c.key === s.total);
    if (!totalColumn) continue;
    for (const r of s.rows) {
      const total = addressOf.get(`${r.key}.${s.total}`);
      const parts = s.columns.filter((c) => c.key !== s.total).map((c) => addressOf.get(`${r.key}.${c.key}`));
      if (!total || parts.some((p) => p === undefined)) continue;
      const what = `「${shortLabel(r.label)}」`;
      const message =
        s.totalMode === "exhaustive"
          ? `${what}各分项之和应等于${totalColumn.label}`
          : `${what}各分项之和不得超过${totalColumn.label}`;
      rules.push(compileSumRule(`grid:${r.key}`, s.totalMode, total, parts as string[], message));
    }
  }
  return rules;
}

/**
 * A part that pushes the sum over its total is rejected as it is typed. This
 * holds for exhaustive breakdowns too, as long as no part can be negative:
 * parts that will add up to the total never exceed it on the way there.
 */
export function attachEntryChecks(
  rules: SumRule[],
  blocks: ValidationBlock[],
  fieldOfBlock: Map<ValidationBlock, FieldSpec>,
  specAt: Map<string, FieldSpec>,
): void {
  const byAddress = new Map(blocks.map((b) => [b.range, b]));
  for (const rule of rules) {
    if (!rule.parts.every((p) => (specAt.get(p)?.min ?? -1) >= 0)) continue;
    for (const part of rule.parts) byAddress.get(part)?.sumRuleIds.push(rule.id);
  }
  const ruleById = new Map(rules.map((r) => [r.id, r]));
  for (const b of blocks) {
    const first = b.range.split(":")[0] as string;
    const checks = b.sumRuleIds.map((id) => ruleById.get(id) as SumRule);
    const conditions = [ruleCondition(b.rule, first), ...checks.map((r) => r.withinFormula)];
    const formula = `=AND(${conditions.join(",")})`;
    const field = fieldOfBlock.get(b) as FieldSpec;
    const alert = fitAlert(
      field,
      checks.map((r) => r.message.replace("应等于", "不得超过")),
    );
    if (checks.length > 0 && formula.length <= FORMULA_MAX && alert) {
      b.formula = formula;
      b.alert = alert;
    } else {
      // Too long for Excel (the formula, or the alert that explains it): keep the plain rule; the
      // conditional format and the add-in still flag the sum.
      b.sumRuleIds = [];
      if (b.rule.type === "decimal") b.formula = `=${ruleCondition(b.rule, first)}`;
    }
  }
}
