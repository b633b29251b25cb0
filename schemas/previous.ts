/**
 * Last round's values across template versions: what prev() reads (expr/prev.ts)
 * and what a trend over several years' rounds compares.
 *
 * A report of an older version holds that version's keys. Each newer version's
 * `previous` entries say how one of its cells is read from the version before it
 * (`{key: "raised", from: "funds"}` renamed, `{key: "total", from: "a + b"}`
 * merged); a cell not listed reads the same key, and is blank when the older
 * version had no such cell. Over several versions the steps are applied in turn,
 * v1 → v2 → v3, each with the `previous` of the version it leads to. Only items
 * and grid cells are mapped: header fields and rosters have no previous value.
 */
import { compiledOf } from "./cells";
import { isPreviousCell, type CompiledTemplate, type TemplateIssue } from "./compile";
import * as D from "./decimal";
import { compileExpression, type CompiledExpr, type Frame, type Scope } from "./expr/compile";
import type { Value } from "./expr/value";
import { sourceMessage } from "./previous-entries";
import type { CellValues, Template } from "./template";

/** What a `from` expression may read: the older version's items and grid cells, nothing else. */
function sourceScope(compiled: CompiledTemplate): Scope {
  return {
    cell: (path) => {
      const c = compiled.cellByKey.get(path.join("."));
      return c && isPreviousCell(c) ? { index: c.index, key: c.key, type: c.type } : undefined;
    },
    roster: () => undefined,
  };
}

/**
 * The publish check of `previous` against the version before (the Worker knows it):
 * every `from` is a number over that version's items and grid cells. Issues are
 * placed on `previous[i].from`, with the character, like every expression's.
 */
export function previousSourceIssues(template: Template, older: Template): TemplateIssue[] {
  const scope = sourceScope(compiledOf(older));
  const issues: TemplateIssue[] = [];
  template.previous.forEach((entry, i) => {
    const result = compileExpression(entry.from, scope, "number");
    if (result.ok) return;
    issues.push({
      path: `previous[${i}].from`,
      message: `${sourceMessage(entry.key, result.error.pos, result.error.message)}（对照第 ${older.version} 版）`,
    });
  });
  return issues;
}

/** How each cell of a version is read from the version before: a key of it, an expression, or nothing. */
type Step = Map<string, string | CompiledExpr>;

const steps = new WeakMap<Template, WeakMap<Template, Step>>();

function stepOf(newer: Template, older: Template): Step {
  let byOlder = steps.get(newer);
  if (!byOlder) steps.set(newer, (byOlder = new WeakMap()));
  let step = byOlder.get(older);
  if (step) return step;
  step = new Map();
  const from = new Map(newer.previous.map((p) => [p.key, p.from]));
  const oldCompiled = compiledOf(older);
  const scope = sourceScope(oldCompiled);
  for (const cell of compiledOf(newer).cells) {
    if (!isPreviousCell(cell)) continue;
    const source = from.get(cell.key);
    if (source === undefined) {
      const same = oldCompiled.cellByKey.get(cell.key);
      if (same && isPreviousCell(same)) step.set(cell.key, cell.key);
      continue;
    }
    // A `from` the older version cannot read (published before that was checked) leaves the cell blank.
    const compiled = compileExpression(source, scope, "number");
    if (compiled.ok) step.set(cell.key, compiled.compiled);
  }
  byOlder.set(older, step);
  return step;
}

/** The items and grid cells of `values`, as a report of `template` holds them. */
function ownCells(template: Template, values: Readonly<CellValues>): CellValues {
  const out: CellValues = {};
  for (const cell of compiledOf(template).cells) {
    const v = values[cell.key];
    if (v !== undefined && isPreviousCell(cell)) out[cell.key] = v;
  }
  return out;
}

function apply(step: Step, older: Template, values: Readonly<CellValues>): CellValues {
  const compiled = compiledOf(older);
  let frame: Frame | undefined;
  const out: CellValues = {};
  for (const [key, how] of step) {
    if (typeof how === "string") {
      const v = values[how];
      if (v !== undefined) out[key] = v;
      continue;
    }
    frame ??= {
      cells: compiled.cells.map((c): Value => {
        const v = values[c.key];
        return v === undefined ? null : c.type === "number" ? D.parseDecimal(v) : v;
      }),
      rosters: compiled.rosters.map(() => new Map()),
      row: null,
      referenceDate: compiled.referenceDate,
    };
    const f = frame;
    // Nothing reported then is no value now (a + b of two blanks is not 0).
    if (how.cells.every((i) => f.cells[i] === null)) continue;
    let v: Value;
    try {
      v = how.run(f);
    } catch {
      continue;
    }
    if (D.isDecimal(v)) out[key] = D.toText(v);
  }
  return out;
}

/**
 * A report's values of `chain[0]`, read as the keys of the last version of
 * `chain` (each version after the one before it, ascending). One version:
 * its own items and grid cells.
 */
export function mapPrevious(chain: readonly Template[], values: Readonly<CellValues>): CellValues {
  const first = chain[0];
  if (!first) return {};
  let out = ownCells(first, values);
  for (let i = 1; i < chain.length; i++)
    out = apply(stepOf(chain[i] as Template, chain[i - 1] as Template), chain[i - 1] as Template, out);
  return out;
}
