import type { Template } from "../../schemas/template";
import { Validator } from "../../schemas/validate";
import { splitFields } from "../db/reports";
import type { Fields } from "./merge";

export type FieldWrite = { key: string; old: string | null; new: string | null };

/**
 * A save's field changes, plus the computed items (`calc`) they change: the
 * Worker stores what the engine computes from the values after the save, so
 * the report, the change feed and the consolidation's sums in D1 all read the
 * computed value, and nothing a client sent can stand in for it (a PATCH of a
 * computed item is refused before this, see parseCellInput). Answers the
 * fields after the save and the Validator that checked them, for the counts.
 */
export function withComputed(
  template: Template,
  current: Fields,
  apply: readonly FieldWrite[],
  /** What prev() reads (reports/previous.ts); undefined when no rule reads it. */
  previous?: Readonly<Record<string, string>>,
): { apply: FieldWrite[]; after: Fields; validator: Validator } {
  const after = { ...current };
  const put = (key: string, value: string | null) => {
    if (value === null) delete after[key];
    else after[key] = value;
  };
  for (const a of apply) put(a.key, a.new);
  const validator = new Validator(template, splitFields(after).values, { previous });
  const all = [...apply];
  for (const calc of validator.compiled.calcs) {
    const key = calc.cell.key;
    const computed = validator.value(key) ?? null;
    if (computed === (after[key] ?? null)) continue;
    all.push({ key, old: current[key] ?? null, new: computed });
    put(key, computed);
  }
  return { apply: all, after, validator };
}
