import fc from "fast-check";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkTemplate } from "../../../../schemas/check";
import { compiledOf } from "../../../../schemas/cells";
import type { CompiledRule, CompiledTemplate } from "../../../../schemas/compile";
import { OFFICIAL_TEMPLATES } from "../../../../schemas/forms";
import { rosterRowId, type SheetLayout } from "../../../../schemas/layout/form/layout";
import type { RuleChecks } from "../../../../schemas/layout/form/rule-checks";
import type { Problem } from "../../../../schemas/problem";
import { validate } from "../../../../schemas/validate";
import { formWorkbook } from "../../../../worker/forms/form-workbook";
import { toXlsx } from "../../../../worker/xlsx/write";
import { convert } from "../../../soffice";
import { RULE_TOUR } from "./rule-tour";
import { rawValue, readsInexactly, type Raw } from "./rule-values";
import { readVerdicts, writeForm, type Values, type Verdict } from "./rule-workbook";

/**
 * The compiled rules checked by a real spreadsheet engine: every official form
 * is downloaded as the Worker draws it (form.xlsx), filled with generated values
 * by exceljs, LibreOffice recalculates it (test/soffice.ts
 * forces recalculation on load), and for every rule — and every roster row of
 * a row rule — its verdict in LibreOffice equals the engine's (`validate` on
 * the same cells as the add-in reads them): broken in both with the same
 * message, or holding in both. LibreOffice may only answer "cannot be decided"
 * where the engine does not fire the rule, or where a cell the rule reads holds
 * a value the engine normalises (rule-values.ts readsInexactly): text in a
 * number cell, an option typed otherwise, a number beyond 10^7.
 */

const CASES_PER_FORM = 14;
const ROSTER_ROWS = 8;
const SEED = Number(process.env.RULE_CHECKS_SEED ?? 20260513);

interface Form {
  compiled: CompiledTemplate;
  layout: SheetLayout;
  checks: RuleChecks;
  /** form.xlsx as the Worker draws it, blank. */
  download: Uint8Array;
}

const forms: Form[] = await Promise.all(
  [...OFFICIAL_TEMPLATES, RULE_TOUR].map(async (input) => {
    const r = checkTemplate(input);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const compiled = compiledOf(r.template);
    const drawn = await formWorkbook({
      template: r.template,
      round: "rules",
      unit: { code: "U1", name: "测试单位" },
      reportVersion: 0,
      values: {},
      compiled,
    });
    return { compiled, layout: drawn.layout, checks: drawn.checks, download: await toXlsx(drawn.sheets) };
  }),
);

function valuesOf(form: Form): fc.Arbitrary<Values> {
  const entries: fc.Arbitrary<[string, Raw]>[] = [];
  for (const cell of form.compiled.cells) {
    const placed = form.layout.cells.find((c) => c.key === cell.key);
    if (!placed || placed.locked || cell.computed) continue;
    entries.push(rawValue(cell.spec).map((v) => [cell.key, v] as [string, Raw]));
  }
  for (const roster of form.compiled.rosters) {
    for (let i = 0; i < ROSTER_ROWS; i++) {
      const row = fc.tuple(...roster.columns.map((c) => rawValue(c.spec)));
      // A third of the rows stay blank: the engine has no such row.
      const maybe = fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: row });
      entries.push(
        ...[0].map(() =>
          maybe.map((vals) => [`${roster.key}.${rosterRowId(i)}`, vals as unknown as Raw] as [string, Raw]),
        ),
      );
    }
  }
  return fc.tuple(...entries).map((pairs) => {
    const values: Values = new Map();
    for (const [key, v] of pairs) {
      const roster = form.compiled.rosterByKey.get(key.split(".")[0] as string);
      if (roster && key.includes(".r")) {
        const row = v as unknown as Raw[] | undefined;
        roster.columns.forEach((c, k) => {
          if (row?.[k] !== undefined) values.set(`${key}.${c.key}`, row[k]);
        });
      } else if (v !== undefined) values.set(key, v);
    }
    return values;
  });
}

/** The engine's problem of a rule (on a row), as validate() reports it from the add-in's raw values. */
function engineProblems(form: Form, values: Values): Map<string, Problem> {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of values) raw[k] = v;
  return new Map(validate(form.compiled, raw).map((p) => [p.id, p]));
}

/** Whether a cell `rule` reads (on row `rowId`) holds a value the spreadsheet reads otherwise than the engine. */
function inexact(form: Form, rule: CompiledRule, values: Values, rowId?: string): boolean {
  const { compiled } = form;
  const cells = rule.expr.cells.map((i) => compiled.cells[i]).filter((c) => c !== undefined);
  if (cells.some((c) => readsInexactly(c.spec, values.get(c.key)))) return true;
  if (rule.roster === undefined || rowId === undefined) return false;
  const roster = compiled.rosters[rule.roster];
  return (roster?.columns ?? []).some((c) => readsInexactly(c.spec, values.get(`${roster?.key}.${rowId}.${c.key}`)));
}

/** Rule expressions by id, as the template wrote them (generated rules have no division). */
function sources(form: Form): Map<string, string> {
  const t = form.compiled.template;
  return new Map(
    [...t.rules, ...t.sections.flatMap((s) => (s.kind === "roster" ? s.rowRules : []))].map((r) => [r.id, r.expr]),
  );
}

function agree(
  what: string,
  lo: Verdict | undefined,
  engine: Problem | undefined,
  exempt: boolean,
  divides: boolean,
): string | undefined {
  if (!lo) return `${what}: no verdict in the sheet`;
  // A quotient of 9×10^5 or more is left undecided (formula.ts compareDivision).
  if (lo.state === 0.5 && divides && engine) return undefined;
  if (lo.state === 0.5 && !exempt && engine)
    return `${what}: LibreOffice cannot decide, the engine says ${engine.message}`;
  if (lo.state === 0.5) return undefined;
  if (exempt && lo.state === 1 && engine) return undefined;
  if (lo.state === 1)
    return engine ? `${what}: holds in LibreOffice, broken in the engine: ${engine.message}` : undefined;
  if (lo.state !== 0) return `${what}: state ${lo.state} (${lo.text})`;
  if (!engine) return exempt ? undefined : `${what}: broken in LibreOffice (${lo.text}), holds in the engine`;
  return lo.text === engine.message || exempt ? undefined : `${what}: «${lo.text}» ≠ engine «${engine.message}»`;
}

/** The required lines and each roster row's count of blank required cells equal the engine's `required:` problems. */
async function requiredAgree(form: Form, values: Values, output: string): Promise<string[]> {
  const { compiled, layout, checks } = form;
  const verdicts = await readVerdicts(output, compiled, layout, checks);
  const problems = [...engineProblems(form, values).values()].filter((p) => p.ruleId === "required");
  const out: string[] = [];
  const where = `${output} ${compiled.template.id}`;
  const onCells = problems.filter((p) => compiled.cellByKey.has(p.cells[0] as string));
  const line = verdicts.lines.get("required");
  const expected =
    onCells.length === 0
      ? "通过"
      : `${onCells.length} 项必填未填，第一处：${onCells.map((p) => p.message).sort((a, b) => order(a) - order(b))[0]}`;
  const anyRequired = compiled.cells.some((c) => c.required && !layout.cells.find((p) => p.key === c.key)?.locked);
  if (!line) {
    if (anyRequired) out.push(`${where}: no required line`);
  } else if (line.text !== expected) out.push(`${where} required: «${line.text}» ≠ «${expected}»`);
  function order(message: string): number {
    return compiled.cells.findIndex((c) => message === `${c.where}为必填项`);
  }
  for (const table of layout.rosters) {
    for (let r = 0; r < table.rowCount; r++) {
      const rowId = rosterRowId(r);
      const engine = problems.filter((p) => p.row === rowId && p.cells[0]?.startsWith(`${table.key}.`)).length;
      const lo = verdicts.rows.get(`required@${rowId}`)?.state;
      if (lo !== undefined && lo !== engine)
        out.push(`${where} required@${rowId}: ${lo} blank in LibreOffice, ${engine} in the engine`);
    }
  }
  return out;
}

describe("rule checks in LibreOffice", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    if (!process.env.KEEP_RULE_WORKBOOKS) for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("gives every compiled rule of the five official forms (and of a tour of the language) the engine's verdict and message", async () => {
    const dir = await mkdtemp(join(tmpdir(), "huibiao-rules-"));
    dirs.push(dir);
    const cases: { form: Form; values: Values; path: string }[] = [];
    forms.forEach((form, f) => {
      fc.sample(valuesOf(form), { numRuns: CASES_PER_FORM, seed: SEED + f }).forEach((values, i) => {
        cases.push({ form, values, path: join(dir, `f${f}-c${i}.xlsx`) });
      });
    });
    for (const c of cases) await writeForm(c.path, c.form.download, c.form.layout, c.values);
    const outputs = await convert(
      cases.map((c) => c.path),
      "xlsx",
      join(dir, "out"),
    );

    const mismatches: string[] = [];
    let broken = 0;
    let holding = 0;
    let undecided = 0;
    for (const [i, c] of cases.entries()) {
      const { form, values } = c;
      const verdicts = await readVerdicts(outputs[i] as string, form.compiled, form.layout, form.checks);
      const problems = engineProblems(form, values);
      const where = `${c.path} ${form.compiled.template.id}`;
      for (const verdict of form.checks.rules) {
        const rule = [...form.compiled.rules, ...form.compiled.rosters.flatMap((r) => r.rowRules)].find(
          (r) => r.id === verdict.id,
        ) as CompiledRule;
        const line = verdicts.lines.get(verdict.id);
        if (!verdict.compiled) {
          if (!line?.text.startsWith("上传后检查")) mismatches.push(`${where} ${verdict.id}: not listed as 上传后检查`);
          continue;
        }
        if (rule.roster === undefined) {
          const divides = sources(form).get(rule.id)?.includes("/") ?? false;
          const bad = agree(`${where} ${rule.id}`, line, problems.get(rule.id), inexact(form, rule, values), divides);
          const read = rule.expr.cells.map((k) => form.compiled.cells[k]?.key as string);
          if (bad)
            mismatches.push(
              `${bad} ${JSON.stringify(read.map((k) => [k, values.get(k), problems.get(`type:${k}`)?.message]))}`,
            );
          if (line?.state === 0) broken++;
          else if (line?.state === 1) holding++;
          else undecided++;
          continue;
        }
        let anyBroken = false;
        for (let r = 0; r < ROSTER_ROWS; r++) {
          const rowId = rosterRowId(r);
          const lo = verdicts.rows.get(`${rule.id}@${rowId}`);
          const divides = sources(form).get(rule.id)?.includes("/") ?? false;
          const bad = agree(
            `${where} ${rule.id}@${rowId}`,
            lo,
            problems.get(`${rule.id}@${rowId}`),
            inexact(form, rule, values, rowId),
            divides,
          );
          if (bad) mismatches.push(bad);
          if (lo?.state === 0) {
            anyBroken = true;
            broken++;
            if (!verdicts.column.get(rowId)?.includes(lo.text))
              mismatches.push(`${where} ${rule.id}@${rowId}: not in the 校验结果 column`);
          } else if (lo?.state === 1) holding++;
          else undecided++;
        }
        if ((line?.state === 0) !== anyBroken) mismatches.push(`${where} ${rule.id}: the line disagrees with its rows`);
      }
    }
    for (const [i, c] of cases.entries())
      mismatches.push(...(await requiredAgree(c.form, c.values, outputs[i] as string)));
    expect(mismatches.slice(0, 20)).toEqual([]);
    // The generated values exercise both outcomes (and undecided ones), or the test proves little.
    expect(broken).toBeGreaterThan(50);
    expect(holding).toBeGreaterThan(50);
    expect(undecided).toBeGreaterThan(0);
  }, 300_000);
});
