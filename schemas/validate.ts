import { recomputeCalcs } from "./calc";
import { locateCell, compiledOf, describeCell } from "./cells";
import type { CompiledRule, CompiledTemplate, RosterInfo } from "./compile";
import * as D from "./decimal";
import type { Frame } from "./expr/compile";
import { INVALID, type Value } from "./expr/value";
import { duplicateProblems, UniqueGroups, uniqueRuleId } from "./unique-groups";
import { parseInput } from "./input";
import { compareIds, sameProblem, type Problem } from "./problem";
import { ruleProblem, type RowAt } from "./rule-problem";
import { formOrder } from "./problem-order";
import type { CellValues, Template } from "./template";

/** What a change did to the list of problems. A problem whose text changed is in both. */
export interface ProblemChange {
  appeared: Problem[];
  cleared: Problem[];
}

export interface CellChange {
  cell: string;
  value: unknown;
}

export interface SetResult extends ProblemChange {
  /** Canonical value stored per changed cell (null = blank or unreadable). */
  values: Record<string, string | null>;
  /** Cell keys the template does not have; they were ignored. */
  unknown: string[];
  /** Computed items whose value the change altered (null = blank); never part of `values`, nobody typed them. */
  computed: Record<string, string | null>;
  /** Computed items the change tried to set; ignored, the engine derives them. */
  readOnly: string[];
}

export interface ValidatorOptions {
  /**
   * What prev() reads: the unit's approved values of the previous round of the
   * same form, already mapped to this template's keys (schemas/previous.ts).
   * Absent or null: there are none, and every prev() is blank (expr/prev.ts).
   */
  previous?: Readonly<Record<string, string>> | null;
}

/** Parses a canonical or typed value into what the evaluator reads. */
function toValue(type: "number" | "string" | "boolean", canonical: string): Value {
  return type === "number" ? (D.parseDecimal(canonical) ?? INVALID) : canonical;
}

/**
 * Checks a report as it is typed. Keeps the parsed values and the current
 * problems; `set()` re-checks only what the changed cells can affect — the rules
 * that read them, the roster rows they belong to, their uniqueness groups — and
 * answers which problems appeared and cleared. A full check is the same code run
 * over everything, so incremental and full results agree by construction.
 */
export class Validator {
  readonly compiled: CompiledTemplate;
  private readonly frame: Frame;
  /** Canonical text beside the parsed values: template cells by index, roster rows by roster. */
  private readonly text: (string | null)[];
  private readonly rowText: Map<string, (string | null)[]>[];
  private readonly current = new Map<string, Problem>();
  /** During an edit: each touched problem id → what it was before, to report the change. */
  private before: Map<string, Problem | undefined> | null = null;
  private readonly groups: UniqueGroups;

  constructor(
    template: Template | CompiledTemplate,
    values: Record<string, unknown> = {},
    options: ValidatorOptions = {},
  ) {
    this.compiled = "template" in template && "cells" in template ? template : compiledOf(template as Template);
    const { cells, rosters, referenceDate } = this.compiled;
    this.frame = { cells: cells.map(() => null), rosters: rosters.map(() => new Map()), row: null, referenceDate };
    if (options.previous) this.frame.previous = this.previousFrame(options.previous);
    this.text = cells.map(() => null);
    this.rowText = rosters.map(() => new Map());
    this.groups = new UniqueGroups(rosters);
    this.apply(values, true);
  }

  /**
   * Last round's values arrived (or changed): re-checks the rules that read prev()
   * and answers which problems appeared and cleared. null: there are none.
   */
  setPrevious(previous: Readonly<Record<string, string>> | null): ProblemChange {
    if (previous) this.frame.previous = this.previousFrame(previous);
    else delete this.frame.previous;
    const { appeared, cleared } = this.apply([], false, true);
    return { appeared, cleared };
  }

  /** Previous values by cell index, parsed as the cells' own values are; unknown keys are ignored. */
  private previousFrame(previous: Readonly<Record<string, string>>): Value[] {
    return this.compiled.cells.map((cell) => {
      const text = previous[cell.key];
      return text === undefined ? null : toValue(cell.type, text);
    });
  }

  /** Every current problem: errors first, then in form order. */
  problems(): Problem[] {
    if (this.current.size < 2) return [...this.current.values()];
    const order = formOrder(this.compiled, this.frame);
    return [...this.current.values()].sort((a, b) =>
      a.severity === b.severity ? order(a) - order(b) || compareIds(a, b) : a.severity === "error" ? -1 : 1,
    );
  }

  /** The canonical values of every readable, non-blank cell. */
  values(): CellValues {
    const out: CellValues = {};
    this.compiled.cells.forEach((cell, i) => {
      const t = this.text[i];
      if (t != null) out[cell.key] = t;
    });
    this.compiled.rosters.forEach((roster, l) => {
      for (const [rowId, texts] of this.rowText[l] as Map<string, (string | null)[]>) {
        texts.forEach((t, c) => {
          if (t != null) out[`${roster.key}.${rowId}.${roster.columns[c]?.key}`] = t;
        });
      }
    });
    return out;
  }

  value(cell: string): string | undefined {
    const at = locateCell(this.compiled, cell);
    if (!at) return undefined;
    const t =
      at.kind === "cell" ? this.text[at.cell.index] : this.rowText[at.roster.index]?.get(at.rowId)?.[at.column.index];
    return t ?? undefined;
  }

  set(cell: string, value: unknown): SetResult {
    return this.apply([{ cell, value }], false);
  }

  setMany(changes: CellChange[]): SetResult {
    return this.apply(changes, false);
  }

  /**
   * One code path for the first full check (`full`: a values object, nothing known
   * yet, so nothing to drop or diff) and for every later edit (a list of changes);
   * `previousChanged`: last round's values changed, so the rules reading prev() run again.
   */
  private apply(changes: CellChange[] | Record<string, unknown>, full: boolean, previousChanged = false): SetResult {
    const { compiled, frame } = this;
    const before = full ? null : new Map<string, Problem | undefined>();
    this.before = before;
    const put = (p: Problem) => this.put(p);
    const drop = (id: string) => this.drop(id);
    const dropping = () => this.dropping();

    const rules = new Set<number>();
    const rowRulesEverywhere = new Set<CompiledRule>();
    const rows = compiled.rosters.map(() => new Set<string>());
    const groupKeys = compiled.rosters.map((l) => l.unique.map(() => new Set<string>()));
    const rostersChanged = new Set<number>();
    const values: Record<string, string | null> = {};
    const unknown: string[] = [];
    const readOnly: string[] = [];
    const changedCells: number[] = [];

    const one = (key: string, raw: unknown) => {
      const at = locateCell(compiled, key);
      if (!at) {
        unknown.push(key);
        return;
      }
      if (at.kind === "cell" && at.cell.computed) {
        if (!full) readOnly.push(key);
        return;
      }
      const spec = at.kind === "cell" ? at.cell.spec : at.column.spec;
      const parsed = parseInput(spec, raw, describeCell(at));
      const canonical = parsed.ok ? parsed.value : null;
      if (!full) values[key] = canonical;
      if (!parsed.ok)
        put({ id: `type:${key}`, ruleId: "type", severity: "error", cells: [key], message: parsed.message });
      else if (dropping()) drop(`type:${key}`);

      if (at.kind === "cell") {
        const { cell } = at;
        this.text[cell.index] = canonical;
        frame.cells[cell.index] = parsed.ok ? (canonical === null ? null : toValue(cell.type, canonical)) : INVALID;
        if (cell.required && parsed.ok && canonical === null) {
          put({
            id: `required:${key}`,
            ruleId: "required",
            severity: "error",
            cells: [key],
            message: `${cell.where}为必填项`,
          });
        } else if (dropping()) drop(`required:${key}`);
        if (full) return; // the full pass checks every rule anyway
        changedCells.push(cell.index);
        for (const r of compiled.rulesByCell[cell.index] ?? []) rules.add(r);
        for (const r of compiled.rowRulesByCell[cell.index] ?? []) rowRulesEverywhere.add(r);
        return;
      }

      const { roster, rowId, column } = at;
      const table = frame.rosters[roster.index] as Map<string, Value[]>;
      const texts = this.rowText[roster.index] as Map<string, (string | null)[]>;
      let row = table.get(rowId);
      const v = parsed.ok ? (canonical === null ? null : toValue(column.type, canonical)) : INVALID;
      if (!row) {
        if (v === null) return; // blanking a cell of a row that does not exist changes nothing
        row = roster.columns.map(() => null);
        table.set(rowId, row);
        texts.set(
          rowId,
          roster.columns.map(() => null),
        );
      }
      row[column.index] = v;
      (texts.get(rowId) as (string | null)[])[column.index] = canonical;
      if (v === null && row.every((x) => x === null)) {
        table.delete(rowId);
        texts.delete(rowId);
      }
      rows[roster.index]?.add(rowId);
      rostersChanged.add(roster.index);
      roster.unique.forEach((cols, u) => {
        if (!cols.includes(column.index)) return;
        const old = this.groups.keyOf(roster, u, rowId);
        if (old !== undefined) groupKeys[roster.index]?.[u]?.add(old);
        const now = this.groups.regroup(roster, u, rowId, table.get(rowId));
        if (now !== undefined) groupKeys[roster.index]?.[u]?.add(now);
        else if (dropping()) drop(`${uniqueRuleId(roster, u)}@${rowId}`); // in no group, so never a duplicate
      });
    };
    if (Array.isArray(changes)) for (const c of changes) one(c.cell, c.value);
    else for (const key in changes) one(key, changes[key]);

    if (full) {
      // Every row was just set, so `rows` already holds all of them.
      this.compiled.rules.forEach((_, r) => rules.add(r));
      rowRulesEverywhere.clear();
      compiled.cells.forEach((cell) => {
        if (cell.required && frame.cells[cell.index] === null) {
          put({
            id: `required:${cell.key}`,
            ruleId: "required",
            severity: "error",
            cells: [cell.key],
            message: `${cell.where}为必填项`,
          });
        }
      });
      compiled.rosters.forEach((l) => rostersChanged.add(l.index));
    }
    const computed: Record<string, string | null> = {};
    for (const calc of recomputeCalcs(compiled.calcs, frame, this.text, changedCells, rostersChanged, full)) {
      if (full) continue;
      computed[calc.cell.key] = this.text[calc.cell.index] ?? null;
      for (const r of compiled.rulesByCell[calc.cell.index] ?? []) rules.add(r);
      for (const r of compiled.rowRulesByCell[calc.cell.index] ?? []) rowRulesEverywhere.add(r);
    }
    for (const l of rostersChanged) for (const r of compiled.rulesByRoster[l] ?? []) rules.add(r);
    if (previousChanged) {
      for (const r of compiled.rulesByPrevious) rules.add(r);
      for (const r of compiled.rowRulesByPrevious) rowRulesEverywhere.add(r);
    }

    for (const r of rules) {
      const rule = compiled.rules[r] as CompiledRule;
      const p = this.evaluate(rule, null);
      if (p) put(p);
      else drop(rule.id);
    }
    compiled.rosters.forEach((roster) => {
      const table = frame.rosters[roster.index] as Map<string, Value[]>;
      const wide = roster.rowRules.filter((r) => rowRulesEverywhere.has(r));
      const changedRows = rows[roster.index] as Set<string>;
      if (wide.length > 0) {
        for (const rowId of table.keys()) if (!changedRows.has(rowId)) this.checkRow(roster, rowId, wide);
      }
      for (const rowId of changedRows) this.checkRow(roster, rowId, roster.rowRules);
      if (rostersChanged.has(roster.index)) {
        const id = `rows:${roster.key}`;
        if (table.size > roster.maxRows) {
          put({
            id,
            ruleId: "rows",
            severity: "error",
            cells: [],
            message: `${roster.title}最多 ${roster.maxRows} 行，现有 ${table.size} 行`,
          });
        } else drop(id);
      }
      roster.unique.forEach((_, u) => {
        const keys = full ? this.groups.keys(roster, u) : (groupKeys[roster.index]?.[u] ?? []);
        for (const gk of keys) this.checkGroup(roster, u, this.groups.members(roster, u, gk));
      });
    });

    this.before = null;
    if (!before) return { appeared: [], cleared: [], values, unknown, computed, readOnly };
    const appeared: Problem[] = [];
    const cleared: Problem[] = [];
    for (const [id, old] of before) {
      const now = this.current.get(id);
      if (old && now && sameProblem(old, now)) continue;
      if (old) cleared.push(old);
      if (now) appeared.push(now);
    }
    return { appeared, cleared, values, unknown, computed, readOnly };
  }

  private put(p: Problem): void {
    if (this.before && !this.before.has(p.id)) this.before.set(p.id, this.current.get(p.id));
    this.current.set(p.id, p);
  }

  private drop(id: string): void {
    if (!this.current.has(id)) return;
    if (this.before && !this.before.has(id)) this.before.set(id, this.current.get(id));
    this.current.delete(id);
  }

  /** Problem ids are only built to be dropped when there is anything to drop. */
  private dropping(): boolean {
    return this.current.size > 0;
  }

  private checkGroup(roster: RosterInfo, u: number, members: Set<string> | undefined): void {
    if (!members) return;
    if (members.size >= 2) {
      const rows = this.frame.rosters[roster.index] as Map<string, Value[]>;
      for (const p of duplicateProblems(roster, u, members, rows)) this.put(p);
    } else if (this.dropping()) for (const rowId of members) this.drop(`${uniqueRuleId(roster, u)}@${rowId}`);
  }

  /** Required columns and row rules of one row; a row that no longer exists has no problems. */
  private checkRow(roster: RosterInfo, rowId: string, rowRules: CompiledRule[]): void {
    const row = (this.frame.rosters[roster.index] as Map<string, Value[]>).get(rowId);
    if (rowRules === roster.rowRules) {
      for (const col of roster.columns) {
        if (!col.required) continue;
        if (row && row[col.index] === null) {
          const key = `${roster.key}.${rowId}.${col.key}`;
          this.put({
            id: `required:${key}`,
            ruleId: "required",
            severity: "error",
            cells: [key],
            message: `${col.where}为必填项`,
            row: rowId,
          });
        } else if (this.dropping()) this.drop(`required:${roster.key}.${rowId}.${col.key}`);
      }
    }
    const at = row && { rowId, row, roster };
    for (const rule of rowRules) {
      const p = at ? this.evaluate(rule, at) : undefined;
      if (p) this.put(p);
      else if (this.dropping()) this.drop(`${rule.id}@${rowId}`);
    }
  }

  private evaluate(rule: CompiledRule, at: RowAt | null): Problem | undefined {
    return ruleProblem(this.compiled, this.frame, rule, at);
  }
}

/**
 * Checks a whole report: every type, required, rule, roster and uniqueness problem.
 * `previous`: what prev() reads (ValidatorOptions).
 */
export function validate(
  template: Template | CompiledTemplate,
  values: Record<string, unknown>,
  previous?: Readonly<Record<string, string>> | null,
): Problem[] {
  return new Validator(template, values, { previous }).problems();
}
