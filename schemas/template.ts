import { z } from "zod";
import { isIsoDate } from "./time";

// Validation messages reach clerks and admins: zod's own wording in zh-CN.
z.config(z.locales.zhCN());

/**
 * The template language: one official form described as data. A template is
 * validated by these schemas when it is published (see `checkTemplate` for the
 * checks zod cannot express: references, expression types, breakdown cycles).
 *
 * Cell keys — the addresses that values, rules, patches and problems share:
 *   item            `raised`                 (section "items")
 *   grid cell       `grant.primary`          (row key . column key)
 *   header field    `header.phone`
 *   roster cell     `roster.<rowId>.<col>`   (roster key . row id . column key)
 * In expressions a roster column is written `roster.amount` (inside aggregates or
 * as the current row's value in a condition) and a bare `amount` in row rules.
 */

/** Identifiers usable in expressions: lower-case ASCII, digits, underscore. */
export const Key = z.string().regex(/^[a-z][a-z0-9_]*$/, "键名只能使用小写字母、数字和下划线，并以字母开头");

/** Units printed on the official forms. */
export const MEASURE_UNITS = ["万元", "元", "人", "人次", "个", "场", "家"] as const;
export const MeasureUnit = z.enum(MEASURE_UNITS);
export type MeasureUnit = z.infer<typeof MeasureUnit>;

const IsoDate = z.string().refine(isIsoDate, "不是有效日期：应为 YYYY-MM-DD 格式的真实日期（如 2022-09-30）");

/** Number settings shared by items and grid rows. `scale` is digits after the point. */
const NumberField = {
  unit: MeasureUnit,
  type: z.enum(["integer", "decimal"]),
  scale: z.number().int().min(0).max(6).default(0),
  /** Counts and amounts on these forms are never negative unless said otherwise. */
  min: z.number().default(0),
  max: z.number().optional(),
  required: z.boolean().default(false),
  /** Shown in the Excel input prompt and the task pane, e.g. "其中项之和不得超过合计". */
  hint: z.string().optional(),
};

/** One numbered line of the printed form: "1. 2014 年助学活动共筹集资金____（万元）". */
export const Item = z
  .object({
    key: Key,
    /** The number as printed: "1", "(1)", or "" for a 其中 line. */
    no: z.string().default(""),
    /** The label text verbatim from the official form. */
    label: z.string().min(1),
    /** Visual nesting: 0 for a numbered item, 1 for a 其中 part. */
    indent: z.number().int().min(0).max(3).default(0),
    ...NumberField,
    /**
     * A computed item: an expression over the form's items and rosters
     * (`count(roster)`, `sum(roster.amount, roster.source = "省总经费")`, `a + b`).
     * The engine derives its value (rounded to `scale`), the sheet shows it
     * read-only, as an Excel formula where one fits, and nobody types it.
     */
    calc: z.string().min(1).optional(),
  })
  .refine((f) => f.type === "decimal" || f.scale === 0, { message: "整数项的 scale 必须为 0", path: ["scale"] });
export type Item = z.infer<typeof Item>;

export const ItemsSection = z.object({
  kind: z.literal("items"),
  key: Key,
  title: z.string().optional(),
  items: z.array(Item).min(1),
});

export const GridColumn = z.object({ key: Key, label: z.string().min(1) });

export const GridRow = z
  .object({
    key: Key,
    no: z.string().default(""),
    label: z.string().min(1),
    indent: z.number().int().min(0).max(3).default(0),
    ...NumberField,
  })
  .refine((f) => f.type === "decimal" || f.scale === 0, { message: "整数项的 scale 必须为 0", path: ["scale"] });
export type GridRow = z.infer<typeof GridRow>;

/**
 * Items × columns, for forms that repeat one breakdown (合计 / 小学和初中 / …).
 * When `total` names a column, every row's total cell is checked against the
 * sum of its other columns (`totalMode`), generating the rule automatically.
 */
export const GridSection = z.object({
  kind: z.literal("grid"),
  key: Key,
  title: z.string().optional(),
  columns: z.array(GridColumn).min(2),
  total: Key.optional(),
  totalMode: z.enum(["exhaustive", "partial"]).default("exhaustive"),
  rows: z.array(GridRow).min(1),
});
export type GridSection = z.infer<typeof GridSection>;

export const COLUMN_TYPES = ["text", "enum", "date", "integer", "money", "idcard", "bankcard", "phone"] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** A typed column of a roster (名册) or a header field. */
export const Column = z
  .object({
    key: Key,
    label: z.string().min(1),
    type: z.enum(COLUMN_TYPES),
    required: z.boolean().default(false),
    /** Dropdown values of an enum column. */
    options: z.array(z.string().min(1)).optional(),
    /** Money: digits after the point (元 → 2). */
    scale: z.number().int().min(0).max(6).optional(),
    unit: MeasureUnit.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    maxLength: z.number().int().positive().optional(),
    hint: z.string().optional(),
    /**
     * Personal information the Worker encrypts at rest and masks wherever it leaves
     * (docs/privacy.md). Absent = by type: 身份证号 (idcard) and 银行卡号 (bankcard) are.
     */
    sensitive: z.boolean().optional(),
  })
  .refine((c) => c.type !== "enum" || (c.options && c.options.length > 0), {
    message: "枚举列必须列出选项",
    path: ["options"],
  });
export type Column = z.infer<typeof Column>;

/** Whether a column's values are sensitive personal information (PIPL art. 28). */
export function isSensitive(c: Pick<Column, "type" | "sensitive">): boolean {
  return c.sensitive ?? (c.type === "idcard" || c.type === "bankcard");
}

export const Severity = z.enum(["error", "warning"]);
export type Severity = z.infer<typeof Severity>;

/**
 * A rule is an assertion in the expression language: when `expr` evaluates to
 * false the rule fires with `message` (zh-CN; may interpolate {left}, {right},
 * {diff} of a top-level comparison, and {some.ref} for any referenced value).
 * An error blocks submit; a warning needs a 上报说明.
 */
export const Rule = z.object({
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, "规则编号只能使用字母、数字和 _ . : -"),
  expr: z.string().min(1),
  severity: Severity,
  message: z.string().min(1, "规则必须有提示信息"),
});
export type Rule = z.infer<typeof Rule>;

export const RosterSection = z.object({
  kind: z.literal("roster"),
  key: Key,
  title: z.string().optional(),
  columns: z.array(Column).min(1),
  /** Each entry is a set of columns whose values must be unique together across rows. */
  unique: z.array(z.array(Key).min(1)).default([]),
  /** Rules checked on every row; bare column keys refer to that row. */
  rowRules: z.array(Rule).default([]),
  maxRows: z.number().int().positive().default(20000),
});
export type RosterSection = z.infer<typeof RosterSection>;

export const Section = z.discriminatedUnion("kind", [ItemsSection, GridSection, RosterSection]);
export type Section = z.infer<typeof Section>;
export type ItemsSection = z.infer<typeof ItemsSection>;

/**
 * A "其中" breakdown: the parts of a total. `exhaustive` means the parts add up
 * to the total, `partial` that they may not exceed it. Rules are generated.
 */
export const Breakdown = z.object({
  total: z.string().min(1),
  parts: z.array(z.string().min(1)).min(1),
  mode: z.enum(["exhaustive", "partial"]),
  /** Overrides the generated message. */
  message: z.string().optional(),
});
export type Breakdown = z.infer<typeof Breakdown>;

export const Template = z.object({
  /** Stable slug, e.g. "sh-2014-jqzx". */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "模板编号只能使用小写字母、数字和连字符"),
  /** Published versions are immutable; a change is a new version. */
  version: z.number().int().positive(),
  title: z.string().min(1),
  issuer: z.string().min(1),
  /** 文号, e.g. 沪工总保〔2014〕156号. */
  docNo: z.string().min(1),
  /** Which attachment of the notice, e.g. "附件1". */
  attachment: z.string().optional(),
  period: z.string().min(1),
  dueDate: IsoDate,
  /** Date at which ages (from 身份证号) are computed; defaults to the due date. */
  referenceDate: IsoDate.optional(),
  /** Who receives the form, and every assumption made when reconstructing it. */
  description: z.string().default(""),
  header: z.array(Column).default([]),
  sections: z.array(Section).min(1),
  breakdowns: z.array(Breakdown).default([]),
  rules: z.array(Rule).default([]),
  /**
   * How this version's cells read last round's values for `prev()`: each entry says
   * which expression over the previous version's cell keys gives `key`'s value last
   * round (a renamed item: `{key: "raised", from: "funds"}`; a merged one:
   * `{from: "a + b"}`). A key not listed reads the same key of the previous version.
   */
  previous: z.array(z.object({ key: z.string().min(1), from: z.string().min(1) })).default([]),
});
export type Template = z.infer<typeof Template>;
export type TemplateInput = z.input<typeof Template>;

/** What reports store: cell key → canonical text (numbers without exponent or trailing zeros). */
export type CellValues = Record<string, string>;
