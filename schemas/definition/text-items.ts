import type { z } from "zod";
import type { Breakdown, Item, MeasureUnit } from "../template";
import type { DraftGuess } from "./draft";
import { blankLabel, isLeadIn, joinLines, named } from "./text-label";
import { pairParts } from "./text-parts";
import type { TextToken } from "./text-scan";
import { resolveUnit, type UnitRead } from "./text-units";

type ItemInput = z.input<typeof Item>;
type BreakdownInput = z.input<typeof Breakdown>;

/** The items a fill-in-the-blanks text drafts, its 其中 breakdowns, the guesses made, and words no blank claimed. */
export interface TextItems {
  items: ItemInput[];
  breakdowns: BreakdownInput[];
  guesses: DraftGuess[];
  /** Words outside any item (a 注：… line): kept for the description so nothing printed is lost. */
  notes: string[];
}

/** Shown where a blank has no words before or after it: the officer must name it. */
export const LABEL_PLACEHOLDER = "（请填写项目名称）";

/** A numbered line (or sub-line) of the form: every blank until the next number or 其中 is one of its items. */
interface Entry {
  no: string;
  indent: number;
  key: string;
  /** 「第 5 项」, for the officer's messages. */
  where: string;
  items: ItemInput[];
}

/** A 其中 list: its parts, split into one breakdown per printed (1), (2) … */
interface Group {
  totals: ItemInput[];
  key: string;
  indent: number;
  where: string;
  /** Opened as 「其中：（1）…」: a later (2) is a second breakdown of the same totals, not a new line. */
  numbered: boolean;
  subgroups: ItemInput[][];
  /** The (k) printed before the next part; only the first part of a numbered group carries it. */
  pendingNo?: string;
  count: number;
}

interface PendingBlank {
  item: ItemInput;
  /** The words before the blank, back to the last stop. */
  before: string;
  read: UnitRead;
}

const MONEY: readonly MeasureUnit[] = ["万元", "元"];
const LETTERS = "bcdefghijklmnopqrstuvwxyz";

export function buildItems(chunks: readonly (readonly TextToken[])[]): TextItems {
  const items: ItemInput[] = [];
  const breakdowns: BreakdownInput[] = [];
  const guesses: DraftGuess[] = [];
  const notes: string[] = [];
  const whereOf = new Map<string, string>();
  const used = new Set<string>();

  const uniqueKey = (base: string): string => {
    let key = base;
    for (let i = 0; used.has(key); i++) key = i < LETTERS.length ? `${base}${LETTERS[i]}` : `${base}_${i}`;
    used.add(key);
    return key;
  };

  let entry: Entry | undefined;
  let group: Group | undefined;
  let tops = 0;
  let topKey = "item";
  let topNo = "";
  /** Sub-numbers since the last top number, for keys of （一）（二）… that have no digits. */
  let subs = 0;

  // Words since the last stop, and the blank they may continue (「与_____（家）单位联系，」).
  let words = "";
  let lastBlank: PendingBlank | undefined;

  const note = (s: string) => {
    if (!isLeadIn(s)) notes.push(joinLines(s));
  };

  /** A separator, numbering, 其中 or the end: the words so far end the last blank's sentence or name nothing. */
  const stop = () => {
    if (lastBlank) {
      // Only the rest of the blank's own line continues its sentence; a later line is a note.
      const cut = words.indexOf("\n");
      const after = cut < 0 ? words : words.slice(0, cut);
      settle(lastBlank, after);
      if (cut >= 0) note(words.slice(cut + 1));
    } else note(words);
    words = "";
    lastBlank = undefined;
  };

  const closeGroup = () => {
    if (!group) return;
    const g = group;
    group = undefined;
    for (const parts of g.subgroups) pair(g, parts);
  };

  const pair = (g: Group, parts: ItemInput[]) => {
    const paired = pairParts(g.totals, parts, g.where);
    breakdowns.push(...paired.breakdowns);
    guesses.push(...paired.guesses);
  };

  /** A blank's item; its unit waits for `settle`, when the words after the blank are known. */
  const newItem = (key: string, label: string, no: string, indent: number, where: string) => {
    const item: ItemInput = {
      key: uniqueKey(key),
      no,
      label,
      indent,
      unit: "人",
      type: "integer",
      ...(indent === 0 ? { required: true } : {}),
    };
    whereOf.set(item.key, where);
    items.push(item);
    return item;
  };

  /** The blank's sentence is complete: its label is final, so its unit can be read or guessed from it. */
  const settle = (blank: PendingBlank, after: string) => {
    const { item, before, read } = blank;
    item.label = blankLabel(before, after);
    const where = whereOf.get(item.key) ?? "";
    const { unit, message } = resolveUnit(read, named(where, item.label), item.label);
    item.unit = unit;
    if (message) guesses.push({ key: item.key, field: "unit", message });
    if (MONEY.includes(unit)) {
      item.type = "decimal";
      item.scale = 2;
      guesses.push({
        key: item.key,
        field: "scale",
        message: `${named(where, item.label)}以“${unit}”为单位，已按保留 2 位小数处理，请确认`,
      });
    }
  };

  const onBlank = (read: UnitRead) => {
    // Words between two blanks with no separator name the second one.
    if (lastBlank) settle(lastBlank, "");
    const before = words;
    words = "";
    const label = blankLabel(before, "");
    let item: ItemInput;
    if (group) {
      const g = group;
      item = newItem(`${g.key}_${++g.count}`, label, g.pendingNo ?? "", g.indent, g.where);
      g.pendingNo = undefined;
      g.subgroups.at(-1)?.push(item);
    } else {
      if (!entry) {
        tops += 1;
        topKey = `item${tops}`;
        // Unnumbered items are named by their words alone in the guesses.
        entry = { no: "", indent: 0, key: topKey, where: "", items: [] };
      }
      const e = entry;
      const key = e.items.length === 0 ? e.key : `${e.key}${LETTERS[e.items.length - 1] ?? `_${e.items.length}`}`;
      item = newItem(key, label, e.no, e.indent, e.where);
      e.items.push(item);
    }
    lastBlank = { item, before, read };
  };

  const onTop = (n: string, sub: string | undefined) => {
    closeGroup();
    tops += 1;
    topNo = n;
    topKey = /^\d+$/.test(n) ? `item${n}` : `item${tops}`;
    subs = sub === undefined ? 0 : 1;
    const key = sub === undefined ? topKey : `${topKey}_${/^\d+$/.test(sub) ? sub : subs}`;
    const no = sub === undefined ? n : `${n}(${sub})`;
    entry = { no, indent: 0, key, where: `第 ${no} 项`, items: [] };
  };

  const onSub = (n: string) => {
    if (group) {
      const current = group.subgroups.at(-1) ?? [];
      if (current.length === 0 && group.pendingNo === undefined) {
        group.numbered = true;
        group.pendingNo = `(${n})`;
        return;
      }
      if (group.numbered) {
        group.subgroups.push([]);
        group.pendingNo = `(${n})`;
        return;
      }
      closeGroup();
    }
    // Before any 1. / 一、 the (k) numbering is the form's own top level.
    if (tops === 0 && !entry) {
      entry = { no: `(${n})`, indent: 0, key: `item${/^\d+$/.test(n) ? n : 1}`, where: `第 (${n}) 项`, items: [] };
      return;
    }
    subs += 1;
    const key = `${topKey}_${/^\d+$/.test(n) ? n : subs}`;
    entry = { no: `(${n})`, indent: 1, key, where: `第 ${topNo}(${n}) 项`, items: [] };
  };

  const onQizhong = () => {
    closeGroup();
    const totals = entry?.items ?? [];
    const indent = Math.min(3, (totals[0]?.indent ?? entry?.indent ?? 0) + 1);
    group = {
      totals: [...totals],
      key: totals[0]?.key ?? entry?.key ?? `item${tops + 1}`,
      indent,
      where: entry?.where ?? "",
      numbered: false,
      subgroups: [[]],
      count: 0,
    };
  };

  for (const tokens of chunks) {
    for (const token of tokens) {
      switch (token.t) {
        case "words":
          words += token.s;
          break;
        case "blank":
          onBlank(token.unit);
          break;
        case "sep":
          stop();
          // A 其中 list ends with its sentence: 「…各级工会投入_____（万元）。」
          if (token.ch === "。") closeGroup();
          break;
        case "top":
          stop();
          onTop(token.n, token.sub);
          break;
        case "sub":
          stop();
          onSub(token.n);
          break;
        case "qizhong":
          stop();
          onQizhong();
          break;
      }
    }
    // A header line between two parts of the text ends whatever was open.
    stop();
    closeGroup();
  }

  for (const item of items) {
    if (item.label !== "") continue;
    item.label = LABEL_PLACEHOLDER;
    guesses.push({
      key: item.key,
      field: "label",
      message: `${whereOf.get(item.key) || "一个"}空格前后没有文字，请填写项目名称`,
    });
  }
  return { items, breakdowns, guesses, notes };
}
