/**
 * A table of lines × value columns (项目 | 合计 | 小学和初中 | …) as a grid
 * section: the value columns become the grid's columns, one named 合计/小计/总计
 * its total (drafted as exhaustive: the other columns add up to it), and every
 * breakdown of the lines holds column by column. Columns in different units
 * (人数（人） | 金额（万元）) cannot share a grid row's unit: such a table
 * becomes items, one per line and column, sharing the line's number.
 */
import type { MeasureUnit, TemplateInput } from "../template";
import type { DraftGuess } from "./draft";
import type { HeaderColumn } from "./table-headings";
import { KeyPool } from "./table-keys";
import type { Structure } from "./table-structure";
import { isMoney, numberFields, splitUnitSuffix } from "./table-units";

type Section = TemplateInput["sections"][number];
type Breakdown = NonNullable<TemplateInput["breakdowns"]>[number];

export interface GridColumnDraft {
  key: string;
  label: string;
  /** The unit its heading prints or plainly names (金额（万元）, 人数). */
  unit?: MeasureUnit;
  /** The unit is printed in the heading, not read from its words. */
  printedUnit: boolean;
}

/** Column keys the official forms use for their usual breakdowns, so drafts read alike. */
const COLUMN_KEYS: [RegExp, string][] = [
  [/^(合计|总计|共计)$/, "total"],
  [/^小计$/, "subtotal"],
  [/^学前/, "preschool"],
  [/^义务教育/, "compulsory"],
  [/^高中阶段/, "highschool"],
  [/^(普通)?高等教育/, "higher"],
  [/^特殊教育|残疾儿童/, "special"],
  [/^(其中[:：]?)?小学和初中/, "primary"],
  [/^高中和中(职|等职业)/, "secondary"],
  [/^大专以上/, "college"],
  [/^男/, "male"],
  [/^女/, "female"],
  [/^非建档/, "unfiled"],
  [/^建档/, "filed"],
  [/^人数$/, "persons"],
  [/^人次$/, "times"],
  [/^(金额|资金)$/, "amount"],
  [/^(本年|本期)/, "current"],
  [/^(上年|去年)/, "previous"],
];

const TOTAL_COLUMN = new Set(["total", "subtotal"]);

export function gridColumns(headers: HeaderColumn[]): GridColumnDraft[] {
  const pool = new KeyPool([]);
  return headers.map((h, i) => {
    const split = splitUnitSuffix(h.label);
    const name = split.label.normalize("NFKC").replace(/\s+/g, "");
    const known = COLUMN_KEYS.find(([re]) => re.test(name))?.[1];
    const words: MeasureUnit | undefined = /^人数/.test(name) ? "人" : /^人次/.test(name) ? "人次" : undefined;
    const unit = split.unit?.unit ?? words;
    return {
      key: pool.take(known ?? `col${i + 1}`),
      label: h.label,
      ...(unit ? { unit } : {}),
      printedUnit: split.unit !== undefined,
    };
  });
}

/** Columns in more than one unit, at least one printed: one grid row cannot hold them. */
export function mixedUnits(columns: GridColumnDraft[]): boolean {
  const units = new Set(columns.flatMap((c) => (c.unit ? [c.unit] : [])));
  return units.size > 1 && columns.some((c) => c.printedUnit);
}

/** The one unit every value column prints (金额（万元） over all of them): the rows' unit. */
export function sharedUnit(columns: GridColumnDraft[]): MeasureUnit | undefined {
  const first = columns[0]?.unit;
  return first && columns.every((c) => c.printedUnit && c.unit === first) ? first : undefined;
}

export function gridSections(
  structure: Structure,
  columns: GridColumnDraft[],
  sectionKey: (base: string) => string,
  guesses: DraftGuess[],
): { sections: Section[]; breakdowns: Breakdown[] } {
  const total = columns.find((c) => TOTAL_COLUMN.has(c.key));
  const sections: Section[] = structure.blocks.map((b) => {
    const key = sectionKey("grid");
    if (total) {
      guesses.push({
        key,
        field: "mode",
        message: `「${total.label}」列是否等于其他各列之和？已按“全部”处理；如其他列只是其中一部分，请改为“部分”`,
      });
    }
    return {
      kind: "grid",
      key,
      ...(b.title ? { title: b.title } : {}),
      columns: columns.map((c) => ({ key: c.key, label: c.label })),
      ...(total ? { total: total.key, totalMode: "exhaustive" as const } : {}),
      rows: b.entries.map((e) => ({ ...e })),
    };
  });
  // With a total column, the breakdown of that column follows from the others.
  const each = columns.filter((c) => c !== total);
  const breakdowns = structure.breakdowns.flatMap((b) =>
    each.map((c) => ({
      total: `${b.total}.${c.key}`,
      parts: b.parts.map((p) => `${p}.${c.key}`),
      mode: "exhaustive" as const,
    })),
  );
  return { sections, breakdowns };
}

/**
 * One item per line and column (困难农民工子女·人数 in 人, ·金额 in 万元): the
 * lines' own unit guesses give way to the columns' units.
 */
export function splitSections(
  structure: Structure,
  columns: GridColumnDraft[],
  sectionKey: (base: string) => string,
  guesses: DraftGuess[],
): { sections: Section[]; breakdowns: Breakdown[] } {
  const rowKeys = new Set(structure.blocks.flatMap((b) => b.entries.map((e) => e.key)));
  const rowGuesses = guesses.filter((g) => rowKeys.has(g.key));
  guesses.splice(0, guesses.length, ...guesses.filter((g) => !rowKeys.has(g.key)));
  const sections: Section[] = structure.blocks.map((b) => ({
    kind: "items",
    key: sectionKey("main"),
    ...(b.title ? { title: b.title } : {}),
    items: b.entries.flatMap((e) =>
      columns.map((c) => {
        const unit = c.unit ?? e.unit;
        const key = `${e.key}_${c.key}`;
        const label = `${e.label}·${splitUnitSuffix(c.label).label}`;
        for (const g of rowGuesses) {
          if (g.key === e.key && g.field !== "unit" && g.field !== "scale") guesses.push({ ...g, key });
        }
        if (!c.unit) {
          guesses.push({ key, field: "unit", message: `「${label}」的列没有印单位，已按该行的“${unit}”处理，请确认` });
        }
        if (isMoney(unit)) {
          guesses.push({ key, field: "scale", message: `「${label}」以${unit}为单位，已按保留 2 位小数处理，请确认` });
        }
        return { key, no: e.no, label, indent: e.indent, unit, ...numberFields(unit) };
      }),
    ),
  }));
  const breakdowns = structure.breakdowns.flatMap((b) =>
    columns.map((c) => ({
      total: `${b.total}_${c.key}`,
      parts: b.parts.map((p) => `${p}_${c.key}`),
      mode: "exhaustive" as const,
    })),
  );
  return { sections, breakdowns };
}
