import type { z } from "zod";
import type { Breakdown, Item } from "../template";
import { shortLabel } from "../text";
import type { DraftGuess } from "./draft";
import { named } from "./text-label";

type ItemInput = z.input<typeof Item>;
type BreakdownInput = z.input<typeof Breakdown>;

/**
 * The breakdowns of one 其中 list. Each part belongs to the total of its own unit:
 * item 5 of 金秋助学 lists 人 and 万元 parts side by side under 资助…（人） and
 * 共发放助学款（万元）. Whether the parts add up to the total is a guess the officer confirms.
 */
export function pairParts(
  totals: readonly ItemInput[],
  parts: readonly ItemInput[],
  where: string,
): { breakdowns: BreakdownInput[]; guesses: DraftGuess[] } {
  const breakdowns: BreakdownInput[] = [];
  const guesses: DraftGuess[] = [];
  const first = parts[0];
  if (!first) return { breakdowns, guesses };
  if (totals.length === 0) {
    guesses.push({
      key: first.key,
      field: "part",
      message: `「其中」前面没有可作合计的项目，${named(where, first.label)}等未列入其中项的校验，请确认它们属于哪一项`,
    });
    return { breakdowns, guesses };
  }

  const byTotal = new Map<ItemInput, ItemInput[]>();
  for (const part of parts) {
    const same = totals.filter((t) => t.unit === part.unit);
    // Of two totals in the same unit, the nearer one (printed last) is likelier.
    const total = same.at(-1);
    if (!total) {
      const units = [...new Set(totals.map((t) => t.unit))].join("、");
      guesses.push({
        key: part.key,
        field: "part",
        message: `${named(where, part.label)}的单位（${part.unit}）与合计（${units}）不同，未列入其中项的校验，请确认`,
      });
      continue;
    }
    if (same.length > 1) {
      guesses.push({
        key: part.key,
        field: "part",
        message: `${named(where, part.label)}可能是几个合计之一的其中项，已归入「${shortLabel(total.label)}」，请确认`,
      });
    }
    byTotal.set(total, [...(byTotal.get(total) ?? []), part]);
  }

  for (const total of totals) {
    const own = byTotal.get(total);
    if (!own) continue;
    // One part alone is rarely the whole of its total (其中：女职工…): partial then.
    const mode = own.length > 1 ? "exhaustive" : "partial";
    breakdowns.push({ total: total.key, parts: own.map((p) => p.key), mode });
    // Item 5's parts all read 「发放助学款」: say how many rather than repeat one label.
    const labels = [...new Set(own.map((p) => shortLabel(p.label)))];
    const list = labels.length === own.length ? labels.join("、") : `${labels.join("、")}，共 ${own.length} 项`;
    guesses.push({
      key: total.key,
      field: "mode",
      message:
        mode === "exhaustive"
          ? `${named(where, total.label)}的其中项（${list}）之和是否应等于合计？已按“全部”处理（之和等于合计），请确认`
          : `${named(where, total.label)}只有一个其中项（${list}），已按“部分”处理（不超过合计），请确认`,
    });
  }
  return { breakdowns, guesses };
}
