/**
 * Shared plumbing of the hand-written checks: the baseline the rule engine is
 * measured against (bench/validate.bench.ts).
 *
 * Each form's `check()` is what a competent engineer would write for that one
 * form without a rule language: a table of its cells built once at load, one
 * pass over the values through the shared clerk-input layer (`parseInput`, the
 * same call the engine makes, so the comparison isolates the engine's own
 * overhead), then every rule written out as code over scaled integers.
 *
 * Money and counts are exact: canonical decimal text becomes an integer at the
 * cell's fixed scale (万元 with 2 decimals → hundredths), never a float
 * fraction. Every value here is ≥ 0 (the forms' minimum), so a sum or a product
 * that leaves the safe-integer range is detected by one comparison with
 * MAX_SAFE_INTEGER; such a rule is left undecided, as the engine leaves an
 * overflowing rule undecided (the bounds differ only for amounts beyond 10^13).
 *
 * Problems carry the same ids as the engine's (`ruleId`, `ruleId@rowId`,
 * `type:<cell>`, `required:<cell>`) so the bench can compare the two lists;
 * messages are built only for problems found.
 */
import { checkTemplate } from "../../schemas/check";
import { OFFICIAL_TEMPLATES } from "../../schemas/forms";
import { parseInput, type InputSpec } from "../../schemas/input";
import type { Problem } from "../../schemas/problem";
import type { Template } from "../../schemas/template";
import { columnSpec } from "../../schemas/compile-roster";
import { shortLabel } from "../../schemas/text";

// Building a cell's input spec is shared with the engine: the bench measures rule checking.
export { columnSpec };

export type { Problem };

export const MAX = Number.MAX_SAFE_INTEGER;

/** Cell states. A HUGE value parsed but does not fit the fixed scale; rules skip it like BAD. */
export const BLANK = 0;
export const SET = 1;
export const BAD = 2;

export function published(id: string): Template {
  const checked = checkTemplate(OFFICIAL_TEMPLATES.find((t) => t.id === id));
  if (!checked.ok) throw new Error(`${id}: ${JSON.stringify(checked.errors)}`);
  return checked.template;
}

// ---------------------------------------------------------------- the cell table

export interface Field {
  key: string;
  spec: InputSpec;
  /** How a message names the cell (第 1 项「共筹集资金」). */
  where: string;
  /** The label as printed (a grid cell: row label and column label). */
  label: string;
  required: boolean;
  /** Fixed scale of a numeric cell; -1 for text-like cells. */
  scale: number;
  unit: string;
}

export interface Table {
  fields: Field[];
  byKey: Map<string, number>;
  required: number[];
}

/** Header fields, items and grid cells in form order, with their input specs. */
export function tableOf(t: Template): Table {
  const fields: Field[] = [];
  const referenceDate = t.referenceDate ?? t.dueDate;
  for (const c of t.header) {
    fields.push({
      key: `header.${c.key}`,
      spec: columnSpec(c, referenceDate),
      where: `「${c.label}」`,
      label: c.label,
      required: c.required,
      scale: -1,
      unit: "",
    });
  }
  for (const s of t.sections) {
    if (s.kind === "items") {
      let number = "";
      for (const item of s.items) {
        if (item.no) number = item.no.replace(/[()（）]/g, "");
        // A computed item is nobody's input: the engine derives it and ignores what a report holds there.
        if (item.calc !== undefined) continue;
        const label = shortLabel(item.label);
        fields.push({
          key: item.key,
          spec: { kind: item.type, scale: item.scale, unit: item.unit, min: item.min, max: item.max },
          where: number ? `第 ${number} 项「${label}」` : `「${label}」`,
          label: item.label,
          required: item.required,
          scale: item.scale,
          unit: item.unit,
        });
      }
    } else if (s.kind === "grid") {
      for (const row of s.rows) {
        for (const col of s.columns) {
          fields.push({
            key: `${row.key}.${col.key}`,
            spec: { kind: row.type, scale: row.scale, unit: row.unit, min: row.min, max: row.max },
            where: `「${shortLabel(row.label)}」${col.label}`,
            label: `${row.label} ${col.label}`,
            required: row.required,
            scale: row.scale,
            unit: row.unit,
          });
        }
      }
    }
  }
  const byKey = new Map(fields.map((f, i) => [f.key, i]));
  const required = fields.flatMap((f, i) => (f.required ? [i] : []));
  return { fields, byKey, required };
}

/** Index of a cell key in the table; throws at load time for a typo. */
export function at(t: Table, key: string): number {
  const i = t.byKey.get(key);
  if (i === undefined) throw new Error(`no cell ${key}`);
  return i;
}

/** The indexes of a grid row's cells: total first, then the stage columns. */
export function gridRow(t: Table, row: string, cols: readonly string[]): number[] {
  return cols.map((c) => at(t, `${row}.${c}`));
}

// ---------------------------------------------------------------- parsing

const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];

/**
 * Canonical decimal text ("82.5", "7") as an integer at `scale` ("82.5", 2 → 8250).
 * parseInput has already checked digits, scale and bounds. Beyond 2^53 the result
 * is not exact: the caller sees it is above MAX and treats the cell as undecided.
 */
export function scaled(text: string, scale: number): number {
  let n = 0;
  let frac = -1;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) frac = 0;
    else {
      n = n * 10 + (c - 48);
      if (frac >= 0) frac++;
    }
  }
  if (frac > 0) scale -= frac;
  n *= POW10[scale] as number;
  return text.charCodeAt(0) === 45 ? -n : n;
}

/** Scaled integer → canonical text (8250, 2 → "82.5"). */
export function fmt(n: number, scale: number): string {
  if (scale === 0 || n === 0) return String(n);
  const neg = n < 0;
  const digits = String(neg ? -n : n).padStart(scale + 1, "0");
  const cut = digits.length - scale;
  let end = digits.length;
  while (end > cut && digits.charCodeAt(end - 1) === 48) end--;
  const body = end > cut ? `${digits.slice(0, cut)}.${digits.slice(cut, end)}` : digits.slice(0, cut);
  return neg ? `-${body}` : body;
}

/** Parsed template cells: scaled numbers (blank = 0, as in arithmetic) and states. */
export class Cells {
  readonly v: Float64Array;
  readonly st: Uint8Array;
  /** Number of BAD cells: when 0, every rule may be decided without looking. */
  bad = 0;
  constructor(n: number) {
    this.v = new Float64Array(n);
    this.st = new Uint8Array(n);
  }
  ok2(a: number, b: number): boolean {
    return this.bad === 0 || (this.st[a] !== BAD && this.st[b] !== BAD);
  }
  ok3(a: number, b: number, c: number): boolean {
    return this.bad === 0 || (this.st[a] !== BAD && this.st[b] !== BAD && this.st[c] !== BAD);
  }
  okAll(xs: readonly number[]): boolean {
    if (this.bad === 0) return true;
    for (let i = 0; i < xs.length; i++) if (this.st[xs[i] as number] === BAD) return false;
    return true;
  }
}

/** Parses one template cell into `c`; a type error becomes a problem. */
export function parseCell(t: Table, c: Cells, i: number, key: string, raw: unknown, out: Problem[]): void {
  const f = t.fields[i] as Field;
  const r = parseInput(f.spec, raw, f.where);
  if (!r.ok) {
    c.st[i] = BAD;
    c.bad++;
    out.push({ id: `type:${key}`, ruleId: "type", severity: "error", cells: [key], message: r.message });
    return;
  }
  if (r.value === null) return;
  if (f.scale >= 0) {
    const n = scaled(r.value, f.scale);
    if (n > MAX || n < -MAX) {
      c.st[i] = BAD;
      c.bad++;
      return;
    }
    c.v[i] = n;
  }
  c.st[i] = SET;
}

/** Required template cells that are blank (an unreadable one already has its type problem). */
export function checkRequired(t: Table, c: Cells, out: Problem[]): void {
  const req = t.required;
  for (let k = 0; k < req.length; k++) {
    const i = req[k] as number;
    if (c.st[i] === BLANK) {
      const f = t.fields[i] as Field;
      out.push({
        id: `required:${f.key}`,
        ruleId: "required",
        severity: "error",
        cells: [f.key],
        message: `${f.where}为必填项`,
      });
    }
  }
}

/** The whole parse of a form without a roster: every value, then the required cells. */
export function parseAll(t: Table, values: Record<string, string>, out: Problem[]): Cells {
  const c = new Cells(t.fields.length);
  const byKey = t.byKey;
  for (const key in values) {
    const i = byKey.get(key);
    if (i !== undefined) parseCell(t, c, i, key, values[key], out);
  }
  checkRequired(t, c, out);
  return c;
}

// ---------------------------------------------------------------- common rule shapes

export function fire(
  out: Problem[],
  id: string,
  severity: "error" | "warning",
  cells: string[],
  message: string,
): void {
  out.push({ id, ruleId: id, severity, cells, message });
}

/** Sum of scaled cells (all ≥ 0, so one bound check at the end catches overflow). */
export function sum(v: Float64Array, xs: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += v[xs[i] as number] as number;
  return s;
}

export function keys(t: Table, xs: readonly number[]): string[] {
  return xs.map((i) => (t.fields[i] as Field).key);
}

/** `total = parts…` (exhaustive) or `parts… <= total` (partial), with the generated messages. */
export function breakdown(
  t: Table,
  c: Cells,
  out: Problem[],
  id: string,
  total: number,
  parts: readonly number[],
  exhaustive: boolean,
  message?: (left: string, right: string, diff: string) => string,
): void {
  const v = c.v;
  if (!c.okAll(parts) || c.st[total] === BAD) return;
  const s = sum(v, parts);
  const tv = v[total] as number;
  if (s > MAX) return;
  if (exhaustive ? tv === s : s <= tv) return;
  const f = t.fields[total] as Field;
  const unit = ` ${f.unit}`;
  const name = shortLabel(f.label);
  const [l, r] = exhaustive ? [tv, s] : [s, tv];
  const left = fmt(l, f.scale);
  const right = fmt(r, f.scale);
  const diff = fmt(Math.abs(l - r), f.scale);
  const text = message
    ? message(left, right, diff)
    : exhaustive
      ? `「${name}」为 ${left}${unit}，其中各项之和为 ${right}${unit}，两者应相等（相差 ${diff}${unit}）`
      : `「${name}」的其中各项之和 ${left}${unit} 超过了合计 ${right}${unit}`;
  const cells = exhaustive ? keys(t, [total, ...parts]) : keys(t, [...parts, total]);
  fire(out, id, "error", cells, text);
}

/** A grid row's 合计 column equals the sum of its other columns. */
export function gridTotal(
  t: Table,
  c: Cells,
  out: Problem[],
  rowKey: string,
  label: string,
  row: readonly number[],
): void {
  const v = c.v;
  if (!c.okAll(row)) return;
  const total = row[0] as number;
  let s = 0;
  for (let i = 1; i < row.length; i++) s += v[row[i] as number] as number;
  if (s > MAX || v[total] === s) return;
  const f = t.fields[total] as Field;
  const unit = ` ${f.unit}`;
  fire(
    out,
    `grid:${rowKey}`,
    "error",
    keys(t, row),
    `「${label}」合计为 ${fmt(v[total] as number, f.scale)}${unit}，各分项之和为 ${fmt(s, f.scale)}${unit}，两者应相等（相差 ${fmt(Math.abs((v[total] as number) - s), f.scale)}${unit}）`,
  );
}

/** `a <= b` on two cells of the same scale. */
export function atMost(
  t: Table,
  c: Cells,
  out: Problem[],
  id: string,
  severity: "error" | "warning",
  a: number,
  b: number,
  message: (left: string, right: string, diff: string) => string,
): void {
  if (!c.ok2(a, b)) return;
  const x = c.v[a] as number;
  const y = c.v[b] as number;
  if (x <= y) return;
  const s = (t.fields[a] as Field).scale;
  fire(out, id, severity, keys(t, [a, b]), message(fmt(x, s), fmt(y, s), fmt(x - y, s)));
}

/** A count and its amount: both filled (> 0) or both zero. */
export function pair(
  t: Table,
  c: Cells,
  out: Problem[],
  id: string,
  count: number,
  amount: number,
  message: (n: string, a: string) => string,
): void {
  if (!c.ok2(count, amount)) return;
  const n = c.v[count] as number;
  const a = c.v[amount] as number;
  if ((n > 0 && a > 0) || (n === 0 && a === 0)) return;
  fire(out, id, "error", keys(t, [count, amount]), message(fmt(n, 0), fmt(a, (t.fields[amount] as Field).scale)));
}

/**
 * 万元 (2 decimals) per person between lo and hi 元: amount × 10000 / count ∈ [lo, hi]
 * ⇔ lo·count ≤ amount·100 ≤ hi·count, with amount in hundredths of 万元.
 */
export function average(
  t: Table,
  c: Cells,
  out: Problem[],
  id: string,
  amount: number,
  count: number,
  lo: number,
  hi: number,
  message: (a: string, n: string) => string,
): void {
  if (!c.ok2(amount, count)) return;
  const n = c.v[count] as number;
  if (n <= 0) return;
  const a = (c.v[amount] as number) * 100;
  const low = lo * n;
  const high = hi * n;
  if (a > MAX || high > MAX) return;
  if (a >= low && a <= high) return;
  fire(out, id, "warning", keys(t, [amount, count]), message(fmt(c.v[amount] as number, 2), fmt(n, 0)));
}

// ---------------------------------------------------------------- ordering

/**
 * Errors first, then form order of the first cell (as the engine lists them).
 * Only sorts when there is something to sort.
 */
export function finish(out: Problem[], rank: (p: Problem) => number): Problem[] {
  if (out.length < 2) return out;
  const ranks = new Map<Problem, number>();
  for (const p of out) ranks.set(p, rank(p));
  return out.sort((a, b) => {
    if (a.severity !== b.severity) return a.severity === "error" ? -1 : 1;
    return (ranks.get(a) as number) - (ranks.get(b) as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

export function cellRank(t: Table): (p: Problem) => number {
  return (p) => {
    const key = p.cells[0];
    return key === undefined ? MAX : (t.byKey.get(key) ?? MAX);
  };
}
