/**
 * Template fields reduced to what Excel needs to know of a cell (`FieldSpec`):
 * header fields and roster columns (`Column`), items and grid rows (numbers).
 */
import type { Column, GridSection, Item } from "../../template";
import type { FieldSpec } from "./cell-rules";

export function columnField(c: Column, where: string): FieldSpec {
  return {
    label: c.label,
    where,
    kind: c.type,
    scale: c.type === "money" ? (c.scale ?? 2) : 0,
    unit: c.unit ?? (c.type === "money" ? "元" : undefined),
    min: c.min ?? (c.type === "money" ? 0 : undefined),
    max: c.max,
    maxLength: c.maxLength,
    options: c.options,
    hint: c.hint,
  };
}

export function numberField(f: Item | GridSection["rows"][number], label: string, where: string): FieldSpec {
  return { label, where, kind: f.type, scale: f.scale, unit: f.unit, min: f.min, max: f.max, hint: f.hint };
}
