import fc from "fast-check";
import { COLUMN_TYPES, MEASURE_UNITS, Template, type TemplateInput } from "../../../schemas/template";

/**
 * Valid templates of every shape the language has: item, grid and roster
 * sections in any order, header fields, breakdowns inline and listed (with
 * messages, on grid cells), rules and row rules, unique sets, `previous`, and
 * every optional field present or absent. Keys are numbered so they never clash;
 * texts are Chinese words with digits and punctuation, never blank.
 */
const word = fc
  .array(fc.constantFrom(..."助学资金人数阶段合计其中小学初中高中大专工会社会捐助（）、：0123456789"), {
    minLength: 1,
    maxLength: 12,
  })
  .map((cs) => cs.join(""));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const bound = fc.integer({ min: -1000, max: 100000 }).chain((n) => fc.constantFrom(n, n / 4, n + 0.5));

interface NumberLine {
  no?: string;
  label: string;
  indent: number;
  unit: (typeof MEASURE_UNITS)[number];
  type: "integer" | "decimal";
  scale: number;
  min?: number;
  max?: number;
  required: boolean;
  hint?: string;
}

const numberLine: fc.Arbitrary<NumberLine> = fc
  .record({
    no: maybe(fc.constantFrom("1", "(1)", "4(1)", "（2）", "二")),
    label: word,
    indent: fc.integer({ min: 0, max: 3 }),
    unit: fc.constantFrom(...MEASURE_UNITS),
    decimal: fc.boolean(),
    scale: fc.integer({ min: 1, max: 6 }),
    min: maybe(bound),
    max: maybe(fc.integer({ min: 100001, max: 10 ** 9 })),
    required: fc.boolean(),
    hint: maybe(word),
  })
  .map(({ decimal, scale, ...r }) => ({ ...r, type: decimal ? "decimal" : "integer", scale: decimal ? scale : 0 }));

const column = fc.record({
  label: word,
  type: fc.constantFrom(...COLUMN_TYPES),
  required: fc.boolean(),
  options: fc.uniqueArray(word, { minLength: 1, maxLength: 4 }),
  scale: maybe(fc.integer({ min: 0, max: 6 })),
  unit: maybe(fc.constantFrom(...MEASURE_UNITS)),
  min: maybe(bound),
  max: maybe(fc.integer({ min: 100001, max: 10 ** 9 })),
  maxLength: maybe(fc.integer({ min: 1, max: 200 })),
  sensitive: maybe(fc.boolean()),
  hint: maybe(word),
});

type ColumnShape = typeof column extends fc.Arbitrary<infer T> ? T : never;

const severity = fc.constantFrom("error" as const, "warning" as const);

type Shape =
  | { kind: "items"; title?: string; items: (NumberLine & { calc: boolean })[] }
  | { kind: "grid"; title?: string; columns: string[]; rows: NumberLine[]; total: boolean; partial: boolean }
  | {
      kind: "roster";
      title?: string;
      columns: ColumnShape[];
      maxRows?: number;
      uniqueMasks: boolean[][];
      rowRules: number;
    };

const section: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({
    kind: fc.constant("items" as const),
    title: maybe(word),
    items: fc.array(
      numberLine.chain((l) => fc.boolean().map((calc) => ({ ...l, calc }))),
      { minLength: 1, maxLength: 6 },
    ),
  }),
  fc.record({
    kind: fc.constant("grid" as const),
    title: maybe(word),
    columns: fc.uniqueArray(word, { minLength: 2, maxLength: 4 }),
    rows: fc.array(numberLine, { minLength: 1, maxLength: 4 }),
    total: fc.boolean(),
    partial: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant("roster" as const),
    title: maybe(word),
    columns: fc.uniqueArray(column, { minLength: 1, maxLength: 5, selector: (c) => c.label }),
    maxRows: maybe(fc.integer({ min: 1, max: 20000 })),
    uniqueMasks: fc.array(fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), { maxLength: 2 }),
    rowRules: fc.integer({ min: 0, max: 2 }),
  }),
);

export const templateArbitrary: fc.Arbitrary<Template> = fc
  .record({
    meta: fc.record({
      title: word,
      issuer: word,
      docNo: word,
      attachment: maybe(word),
      period: word,
      dueDate: fc.constantFrom("2014-09-01", "2022-11-30", "2024-02-29"),
      referenceDate: maybe(fc.constantFrom("2014-09-01", "2023-01-31")),
      description: fc.oneof(fc.constant(""), word),
      version: fc.integer({ min: 1, max: 50 }),
    }),
    header: fc.uniqueArray(column, { maxLength: 3, selector: (c) => c.label }),
    sections: fc.array(section, { minLength: 1, maxLength: 4 }),
    breakdownSeeds: fc.array(
      fc.record({
        total: fc.nat(),
        parts: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        partial: fc.boolean(),
        message: maybe(word),
      }),
      { maxLength: 4 },
    ),
    rules: fc.array(fc.record({ severity, message: word, at: fc.nat() }), { maxLength: 3 }),
    previous: fc.array(fc.record({ at: fc.nat(), from: fc.constantFrom("a + b", "funds", "old_total") }), {
      maxLength: 2,
    }),
  })
  .map(({ meta, header, sections, breakdownSeeds, rules, previous }) => {
    let n = 0;
    const key = (p: string) => `${p}${++n}`;
    const numbers: string[] = [];
    const asColumn = (c: ColumnShape) => ({
      key: key("c"),
      ...c,
      options: c.type === "enum" ? c.options : undefined,
    });
    const built = sections.map((s) => {
      if (s.kind === "items") {
        const items = s.items.map(({ calc, ...l }) => {
          const k = key("i");
          // A computed item sums the numbers before it (no cycles); not required.
          const sum = calc && numbers.length > 0 ? numbers.slice(-2).join(" + ") : undefined;
          numbers.push(k);
          return { ...l, key: k, calc: sum, required: sum ? false : l.required };
        });
        return { kind: "items" as const, key: key("s"), title: s.title, items };
      }
      if (s.kind === "grid") {
        const columns = s.columns.map((label) => ({ key: key("g"), label }));
        const rows = s.rows.map((r) => ({ ...r, key: key("r") }));
        for (const r of rows) numbers.push(`${r.key}.${columns[0]?.key}`);
        const total = s.total ? columns[0]?.key : undefined;
        return {
          kind: "grid" as const,
          key: key("s"),
          title: s.title,
          columns,
          rows,
          total,
          totalMode: s.partial ? ("partial" as const) : ("exhaustive" as const),
        };
      }
      const columns = s.columns.map(asColumn);
      const unique = s.uniqueMasks
        .map((mask) => columns.filter((_, i) => mask[i]).map((c) => c.key))
        .filter((set) => set.length > 0);
      const rowRules = Array.from({ length: s.rowRules }, () => ({
        id: key("rr"),
        expr: `isblank(${columns[0]?.key}) or true`,
        severity: "warning" as const,
        message: "行规则",
      }));
      return { kind: "roster" as const, key: key("s"), title: s.title, columns, maxRows: s.maxRows, unique, rowRules };
    });
    const itemKeys = built.flatMap((s) => (s.kind === "items" ? s.items.filter((i) => !i.calc).map((i) => i.key) : []));
    // Parts come after their total (no cycles); each total has one breakdown (one generated rule id).
    const totals = new Set<string>();
    const breakdowns = breakdownSeeds.flatMap((b) => {
      if (itemKeys.length < 2) return [];
      const t = b.total % (itemKeys.length - 1);
      const total = itemKeys[t] as string;
      const after = itemKeys.slice(t + 1);
      const parts = [...new Set(b.parts.map((p) => after[p % after.length] as string))];
      if (totals.has(total)) return [];
      totals.add(total);
      const mode = b.partial ? ("partial" as const) : ("exhaustive" as const);
      return [{ total, parts, mode, message: b.message }];
    });
    const input: TemplateInput = {
      id: "generated-form",
      ...meta,
      header: header.map(asColumn),
      sections: built,
      breakdowns,
      rules:
        numbers.length === 0
          ? []
          : rules.map((r) => ({
              id: key("rule"),
              expr: `${numbers[r.at % numbers.length]} >= 0`,
              severity: r.severity,
              message: r.message,
            })),
      previous:
        numbers.length === 0
          ? []
          : // Each key once: publishing refuses a second entry for a key.
            [...new Map(previous.map((p) => [numbers[p.at % numbers.length] as string, p.from]))].map(
              ([key, from]) => ({ key, from }),
            ),
    };
    // Through JSON, as a template travels: absent optional fields, not undefined ones.
    return Template.parse(JSON.parse(JSON.stringify(input)));
  });
