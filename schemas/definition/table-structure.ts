/**
 * The lines of an item or grid table as template entries: keys, printed
 * numbers, indents, units, and the breakdowns the print implies — a 其中 line
 * and the unnumbered or indented lines after it are parts of the line above;
 * a 合计/小计 line is the total of the lines it closes (or opens). Whether the
 * parts add up to the total is not printed: every breakdown is drafted as
 * exhaustive and the guess says so.
 */
import type { MeasureUnit } from "../template";
import type { DraftGuess } from "./draft";
import type { KeyPool } from "./table-keys";
import type { Line } from "./table-lines";
import { isMoney, numberFields, unitFromWords, type UnitNote } from "./table-units";

export interface Entry {
  key: string;
  no: string;
  label: string;
  indent: number;
  unit: MeasureUnit;
  type: "integer" | "decimal";
  scale: number;
}

export interface EntryBreakdown {
  total: string;
  parts: string[];
}

export interface Block {
  /** A chapter heading's text, as printed (一、资金筹集). */
  title?: string;
  entries: Entry[];
}

export interface Structure {
  blocks: Block[];
  breakdowns: EntryBreakdown[];
}

/** An entry while the table is read: its unit may wait for its owner or the lines a 合计 sums. */
interface Pending extends Omit<Entry, "unit" | "type" | "scale"> {
  unit?: MeasureUnit;
  total?: "total" | "subtotal";
  children: number;
  parent?: Pending;
}

interface Group {
  total: Pending;
  parts: Pending[];
  /** Opened by a numbered 其中 line ("其中：（1）…"): the next (2) opens another breakdown of the same total. */
  numbered: boolean;
}

const headingTitle = (line: Line) => (line.no ? `${line.no.printed}、${line.label}` : line.label);

export function buildStructure(lines: Line[], keys: KeyPool, note: UnitNote, guesses: DraftGuess[]): Structure {
  const blocks: { title?: string; drafts: Pending[] }[] = [{ drafts: [] }];
  const breakdowns: { total: Pending; parts: Pending[] }[] = [];
  const numbered = lines.some((l) => l.no?.level === "top" && !l.heading);
  let tops = 0;
  let parent: Pending | undefined;
  let group: Group | undefined;
  let previous: Pending | undefined;

  const block = () => blocks[blocks.length - 1] as { drafts: Pending[] };
  const closeGroup = () => {
    if (group && group.parts.length > 0) breakdowns.push({ total: group.total, parts: group.parts });
    group = undefined;
  };
  const add = (line: Line, indent: number, key: string, owner?: Pending): Pending => {
    const d: Pending = {
      key,
      no: line.no?.printed ?? "",
      label: line.label,
      indent: Math.min(indent, 3),
      children: 0,
      ...(line.unit ? { unit: line.unit.unit } : {}),
      ...(line.total ? { total: line.total } : {}),
      ...(owner ? { parent: owner } : {}),
    };
    noteUnit(d, line, guesses);
    if (line.carried && previous && previous.label === line.label) {
      guesses.push({
        key,
        field: "label",
        message: `「${line.label}」与上一行共用合并单元格中的项目名称，两行在表中无法区分，请写出区别（如“人数”“金额”）`,
      });
    }
    block().drafts.push(d);
    previous = d;
    return d;
  };
  const top = (line: Line): Pending => {
    closeGroup();
    if (line.total) return (parent = add(line, 0, keys.take(line.total)));
    tops++;
    const n = line.no?.level === "top" && line.no.value !== undefined ? line.no.value : tops;
    return (parent = add(line, 0, keys.take(`item${n}`, "letter")));
  };
  const child = (owner: Pending, line: Line): Pending => {
    owner.children++;
    return add(line, owner.indent + 1, keys.take(`${owner.key}_${owner.children}`), owner);
  };
  const addPart = (g: Group, d: Pending) => {
    if (d.unit && g.total.unit && d.unit !== g.total.unit) {
      guesses.push({
        key: d.key,
        field: "part",
        message: `「${d.label}」的单位（${d.unit}）与「${g.total.label}」（${g.total.unit}）不同，未算作它的其中项，请确认`,
      });
      return;
    }
    // A part without a unit takes its total's when units are settled (resolveUnit), as a guess.
    if (!g.total.unit && d.unit && !g.total.total) {
      // The parts print the unit their total leaves out: the total is in it too.
      g.total.unit = d.unit;
      guesses.push({
        key: g.total.key,
        field: "unit",
        message: `「${g.total.label}」没有印单位，已按其中项的“${d.unit}”处理，请确认`,
      });
    }
    g.parts.push(d);
  };

  for (const line of lines) {
    const isSub = line.no?.level === "sub";
    if (line.heading) {
      closeGroup();
      blocks.push({ title: headingTitle(line), drafts: [] });
      parent = previous = undefined;
    } else if (line.qizhong === "marker") {
      closeGroup();
      if (parent) group = { total: parent, parts: [], numbered: false };
    } else if (line.total) {
      top(line);
    } else if (line.qizhong === "start") {
      closeGroup();
      if (!parent) {
        const d = top(line);
        guesses.push({
          key: d.key,
          field: "part",
          message: `「${d.label}」上方没有它所属的项目，已按独立的一项处理，请确认`,
        });
        continue;
      }
      group = { total: parent, parts: [], numbered: isSub };
      addPart(group, child(parent, line));
    } else if (isSub && group?.numbered) {
      // 其中：（1）应届 / 往届 / （2）已就业 / 需帮扶: two breakdowns of one total.
      const total = group.total;
      closeGroup();
      group = { total, parts: [], numbered: true };
      addPart(group, child(total, line));
    } else if (line.qizhong === "continue" || line.indented || (group && numbered && !line.no && !line.carried)) {
      const owner = group?.total ?? parent;
      if (!owner) {
        top(line);
        continue;
      }
      group ??= { total: owner, parts: [], numbered: false };
      addPart(group, child(owner, line));
    } else if (isSub && parent) {
      closeGroup();
      child(parent, line);
    } else if (line.carried && previous?.parent) {
      const owner = previous.parent;
      const d = child(owner, line);
      if (group) addPart(group, d);
    } else {
      top(line);
    }
  }
  closeGroup();
  // Units before totals: a 合计 line takes the unit of the lines it sums.
  for (const b of blocks) for (const d of b.drafts) if (!d.total) resolveUnit(d, note, guesses);
  for (const b of blocks) totals(b.drafts, breakdowns, guesses);
  for (const b of blocks) for (const d of b.drafts) resolveUnit(d, note, guesses);
  const out: Structure = { blocks: [], breakdowns: [] };
  for (const b of blocks) {
    if (b.drafts.length === 0) continue;
    out.blocks.push({ ...(b.title ? { title: b.title } : {}), entries: b.drafts.map((d) => entry(d, guesses)) });
  }
  for (const b of breakdowns) {
    out.breakdowns.push({ total: b.total.key, parts: b.parts.map((p) => p.key) });
    const message = b.total.total
      ? `「${b.total.label}」是否等于${listed(b.parts.map((p) => p.label))}之和？已按“全部”处理，请确认`
      : `「${b.total.label}」的「其中」各项之和是否应等于它？已按“全部”处理；如其中只列了一部分，请改为“部分”`;
    guesses.push({ key: b.total.key, field: "mode", message });
  }
  return out;
}

/**
 * A 合计 line first in its block sums the top-level lines after it (up to the
 * next total); otherwise the top-level lines since the previous total — or,
 * for a 总计 right after 小计 lines, those 小计.
 */
function totals(drafts: Pending[], breakdowns: { total: Pending; parts: Pending[] }[], guesses: DraftGuess[]) {
  const tops = drafts.filter((d) => d.indent === 0);
  tops.forEach((d, i) => {
    if (!d.total) return;
    let candidates: Pending[];
    if (i === 0) {
      const end = tops.findIndex((x, j) => j > 0 && x.total !== undefined);
      candidates = tops.slice(1, end < 0 ? undefined : end);
    } else {
      const before = tops.slice(0, i);
      const last = before.map((x) => x.total !== undefined).lastIndexOf(true);
      candidates = before.slice(last + 1);
      if (candidates.length === 0 && d.total === "total") {
        const lastTotal = before.map((x) => x.total === "total").lastIndexOf(true);
        candidates = before.slice(lastTotal + 1).filter((x) => x.total === "subtotal");
      }
    }
    d.unit ??= mostCommon(candidates.map((c) => c.unit));
    const parts = candidates.filter((c) => c.unit === undefined || c.unit === d.unit);
    if (parts.length > 0) breakdowns.push({ total: d, parts });
    else
      guesses.push({ key: d.key, field: "part", message: `没有找到「${d.label}」汇总的项目，请确认它是哪些项目之和` });
  });
}

/** 「a」「b」「c」, or 「a」等 5 项 when longer. */
function listed(labels: string[]): string {
  return labels.length <= 3 ? labels.map((l) => `「${l}」`).join("") : `「${labels[0]}」等 ${labels.length} 项`;
}

function mostCommon(units: (MeasureUnit | undefined)[]): MeasureUnit | undefined {
  const counts = new Map<MeasureUnit, number>();
  for (const u of units) if (u) counts.set(u, (counts.get(u) ?? 0) + 1);
  let best: MeasureUnit | undefined;
  for (const [u, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = u;
  return best;
}

/** A printed unit the language names otherwise (名 → 人, 户 → 家): say so. */
function noteUnit(d: Pending, line: Line, guesses: DraftGuess[]) {
  if (!line.unit || line.unit.exact) return;
  const known = line.unit.printed !== "" && line.unit.unit !== "个";
  guesses.push({
    key: d.key,
    field: "unit",
    message: known
      ? `「${line.label}」印的单位是“${line.unit.printed}”，已按“${line.unit.unit}”处理，请确认`
      : `「${line.label}」印的单位“${line.unit.printed}”不在可选单位（万元、元、人、人次、个、场、家）中，暂按“个”处理，请确认`,
  });
}

/** The unit a line without one most likely has: its owner's, the note's, or one its words suggest. */
function resolveUnit(d: Pending, note: UnitNote, guesses: DraftGuess[]) {
  if (d.unit) return;
  if (d.parent?.unit) {
    d.unit = d.parent.unit;
    guesses.push({
      key: d.key,
      field: "unit",
      message: `「${d.label}」没有印单位，已按所属项目的“${d.unit}”处理，请确认`,
    });
  } else if (note.all) {
    d.unit = note.all;
  } else {
    const words = unitFromWords(d.label, note.money);
    d.unit = words ?? "个";
    guesses.push({
      key: d.key,
      field: "unit",
      message: words
        ? `「${d.label}」没有印单位，按项目名称暂定为“${d.unit}”，请确认`
        : `「${d.label}」没有印单位，暂按“个”处理，请改为实际的单位`,
    });
  }
}

function entry(d: Pending, guesses: DraftGuess[]): Entry {
  const unit = d.unit ?? "个";
  if (isMoney(unit)) {
    guesses.push({
      key: d.key,
      field: "scale",
      message: `「${d.label}」以${unit}为单位，已按保留 2 位小数处理，请确认`,
    });
  }
  return { key: d.key, no: d.no, label: d.label, indent: d.indent, unit, ...numberFields(unit) };
}
