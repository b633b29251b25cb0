import type { Breakdown, Template } from "../template";

/**
 * Which 其中 breakdowns the 项目 sheet shows on the parts' own rows (所属合计 +
 * 其中方式: how an officer reads "其中：" on the printed form), and which need the
 * 其中 sheet: a breakdown with its own message, a part that is not an item, a part
 * in two breakdowns. The reader puts inline breakdowns first, in the order of
 * their first part, then the listed ones; when the template's order is not that,
 * every breakdown is listed, so reading back always gives the same template.
 */
export function inlineBreakdowns(t: Template): { inline: Map<string, Breakdown>; listed: Breakdown[] } {
  const row = new Map<string, number>();
  for (const s of t.sections) if (s.kind === "items") for (const i of s.items) row.set(i.key, row.size);

  const inline = new Map<string, Breakdown>();
  const groups = new Set<string>();
  const inlined: Breakdown[] = [];
  const listed: Breakdown[] = [];
  for (const b of t.breakdowns) {
    const rows = b.parts.map((p) => row.get(p));
    const fits =
      b.message === undefined &&
      !groups.has(`${b.mode}\u0000${b.total}`) &&
      rows.every((r, i) => r !== undefined && (i === 0 || r > (rows[i - 1] as number))) &&
      b.parts.every((p) => !inline.has(p));
    if (!fits) {
      listed.push(b);
      continue;
    }
    groups.add(`${b.mode}\u0000${b.total}`);
    for (const p of b.parts) inline.set(p, b);
    inlined.push(b);
  }
  const firstRow = (b: Breakdown) => row.get(b.parts[0] as string) as number;
  const readOrder = [...inlined].sort((a, b) => firstRow(a) - firstRow(b)).concat(listed);
  if (readOrder.some((b, i) => b !== t.breakdowns[i])) return { inline: new Map(), listed: [...t.breakdowns] };
  return { inline, listed };
}
