import { expect } from "vitest";
import { checkTemplate } from "../../../schemas/check";
import type { Draft } from "../../../schemas/definition/draft";
import { draftFromTable, type PrintedSheet } from "../../../schemas/definition/draft-table";
import type { Template } from "../../../schemas/template";

type Cell = string | number | boolean | null;
type Merge = NonNullable<PrintedSheet["merges"]>[number];

/** A merged area by its corners, as a clerk selects it: rows and columns 0-based inclusive. */
export const merge = (top: number, left: number, bottom: number, right: number): Merge => ({
  top,
  left,
  bottom,
  right,
});

export const printed = (cells: Cell[][], merges: Merge[] = []): PrintedSheet => ({ cells, merges });

/** The draft, after checking that it passes the publishing check and names only keys it has. */
export function draft(sheet: PrintedSheet): Draft & { checked: Template } {
  const d = draftFromTable(sheet);
  const checked = checkTemplate(d.template);
  if (!checked.ok) expect.fail(JSON.stringify(checked.errors, null, 1));
  const known = new Set<string>([""]);
  for (const s of checked.template.sections) {
    if (s.kind === "items") s.items.forEach((i) => known.add(i.key));
    if (s.kind === "grid") s.rows.forEach((r) => known.add(r.key));
    if (s.kind === "grid") known.add(s.key);
    if (s.kind === "roster") s.columns.forEach((c) => known.add(`${s.key}.${c.key}`));
  }
  for (const g of d.guesses) expect(known, `guess ${g.key} ${g.field}`).toContain(g.key);
  return { ...d, checked: checked.template };
}

export function guessesOf(d: Draft, key: string) {
  return d.guesses.filter((g) => g.key === key).map((g) => g.field);
}

/** Items of every items section, in order. */
export function itemsOf(t: Template) {
  return t.sections.flatMap((s) => (s.kind === "items" ? s.items : []));
}
