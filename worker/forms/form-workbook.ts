import { compileTemplate, type CompiledTemplate } from "../../schemas/compile";
import {
  IDENTITY_SHEET,
  FORM_FORMAT,
  identityRows,
  layoutDigest,
  type FormIdentity,
} from "../../schemas/layout/form/identity";
import { buildLayout } from "../../schemas/layout/form/layout";
import type { SheetLayout } from "../../schemas/layout/form/layout-types";
import { rosterRowCounts } from "../../schemas/layout/form/roster-rows";
import { ruleChecks, type RuleChecks } from "../../schemas/layout/form/rule-checks";
import type { Template } from "../../schemas/template";
import { SheetGrid, type Sheet } from "../xlsx/sheet";
import { toXlsx } from "../xlsx/write";
import { formSheet, putCheck } from "./form-sheet";
import { rosterCellOf } from "./roster-cell";

/**
 * form.xlsx: a report drawn for a spreadsheet without the add-in (issue 13) —
 * the form sheet (form-sheet.ts) from the one shared layout, the 校验结果 sheet
 * of the compiled rule checks (schemas/layout/form/rule-checks.ts), and the
 * hidden 汇表标识 sheet that tells an upload which template version, round,
 * unit and report version the file was drawn from, and with which layout.
 */
export interface FormRequest {
  template: Template;
  round: string;
  unit: { code: string; name: string };
  /** The report's version the values are from; 0 when nothing was saved yet. */
  reportVersion: number;
  /** The report's values as the caller may see them (masked unless it is the owning unit's filler). */
  values: Readonly<Record<string, string>>;
  /** The template compiled once for many forms (a zip of a round's forms); compiled here when absent. */
  compiled?: CompiledTemplate;
  /** The checks drawn in; `ruleChecks(compiled, layout, { sharedRows: true })` when absent. */
  checks?: (compiled: CompiledTemplate, layout: SheetLayout) => RuleChecks;
}

/** Blank rows a roster gets below its last filled one, and the fewest it prepares. */
export const ROOM_TO_GROW = 50;

export interface FormWorkbook {
  sheets: Sheet[];
  layout: SheetLayout;
  checks: RuleChecks;
  identity: FormIdentity;
}

export async function formWorkbook(r: FormRequest): Promise<FormWorkbook> {
  const compiled = r.compiled ?? compiledOf(r.template);
  const layout = buildLayout(r.template, { unitName: r.unit.name, rosterRows: rosterRowsFor(r.template, r.values) });
  const checks = r.checks ? r.checks(compiled, layout) : ruleChecks(compiled, layout, { sharedRows: true });
  const identity: FormIdentity = {
    format: FORM_FORMAT,
    templateId: r.template.id,
    templateVersion: r.template.version,
    round: r.round,
    unit: r.unit.code,
    unitName: r.unit.name,
    reportVersion: r.reportVersion,
    sheet: layout.sheet,
    // As prepared (capped at each roster's maxRows): the upload rebuilds the layout with these.
    rosterRows: rosterRowCounts(layout),
    layoutDigest: await layoutDigest(layout),
  };
  const sheets = [formSheet(layout, r.values, checks), checkSheet(checks), identitySheet(identity)];
  return { sheets, layout, checks, identity };
}

export async function formXlsx(r: FormRequest): Promise<Uint8Array> {
  return toXlsx((await formWorkbook(r)).sheets);
}

export function compiledOf(template: Template): CompiledTemplate {
  const result = compileTemplate(template);
  if (!result.ok) throw new Error(`template ${template.id}@${template.version} does not compile`);
  return result.compiled;
}

/**
 * Rows to prepare for each roster: room to grow below the last filled row (a
 * protected sheet cannot grow a table by itself), at least ROOM_TO_GROW;
 * buildLayout caps them at the roster's maxRows.
 */
export function rosterRowsFor(template: Template, values: Readonly<Record<string, string>>): Record<string, number> {
  const filled = new Map<string, number>();
  for (const [key, value] of Object.entries(values)) {
    const at = value === "" ? undefined : rosterCellOf(key);
    if (at) filled.set(at.roster, Math.max(filled.get(at.roster) ?? 0, at.index + 1));
  }
  const rows: Record<string, number> = {};
  for (const s of template.sections)
    if (s.kind === "roster") rows[s.key] = Math.max(ROOM_TO_GROW, (filled.get(s.key) ?? 0) + ROOM_TO_GROW);
  return rows;
}

/** The 校验结果 sheet as the rule checks lay it out, protected: its formulas state each rule's verdict. */
function checkSheet(checks: RuleChecks): Sheet {
  const grid = new SheetGrid(checks.sheet.name);
  grid.widths = checks.sheet.widths;
  grid.merges.push(...checks.sheet.merges);
  for (const c of checks.sheet.cells) putCheck(grid, c);
  return { ...grid.toSheet(), protect: true };
}

/** The hidden 汇表标识 sheet: key, value, 说明 per row, all text, protected. */
function identitySheet(identity: FormIdentity): Sheet {
  const grid = new SheetGrid(IDENTITY_SHEET);
  grid.widths = [16, 70, 20];
  identityRows(identity).forEach((row, i) =>
    grid.line(
      i + 1,
      row.map((text) => ({ text, format: "@" })),
    ),
  );
  return { ...grid.toSheet(), hidden: true, protect: true };
}
