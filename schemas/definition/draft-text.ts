import { STANDARD_HEADER } from "../forms/header";
import { foldWidth } from "../text";
import type { Draft, DraftGuess, GuessField } from "./draft";
import { buildItems, LABEL_PLACEHOLDER } from "./text-items";
import { readLayout } from "./text-layout";
import { scanText } from "./text-scan";

/** What the officer must still fill in: the text of a form's 附件 does not say it. */
export const FORM_PLACEHOLDER = "（请填写）";
/** A new template's id until the officer names it (sh-2014-jqzx). */
export const NEW_FORM_ID = "new-form";

/**
 * Drafts a template from a fill-in-the-blanks text pasted from a notice's 附件, as the
 * Shanghai forms print it: `1. 2014 年助学活动共筹集资金_____（万元）；其中：…`.
 *
 * - every blank `_____（单位）` is an item; its label is the words before it, back to the
 *   previous blank, the numbering or a `；` `，` `。`, and the words after it up to the end
 *   of its sentence (「与___单位联系」);
 * - `1.` `（1）` `4. （1）` are kept as printed (`no`: "1", "(1)", "4(1)"); every blank of a
 *   numbered line shares its number; a sub-number (2) is indented under its item;
 * - a `其中` list is the parts of the item(s) before it, each paired with the item of its
 *   own unit, and a breakdown per printed (1), (2) …;
 * - 填报单位/填报人/联系电话 become the standard header, the line before the items the title.
 *
 * Every choice the text does not settle (a unit not printed, a breakdown's mode, money's
 * scale, the notice's 文号 …) is listed in `guesses` for the officer to confirm.
 */
export function draftFromText(text: string): Draft {
  const layout = readLayout(text);
  const built = buildItems(layout.chunks.map(scanText));
  const guesses: DraftGuess[] = [];
  // The form's own fields have no key; the message says which one to fill.
  const ask = (field: GuessField, message: string) => guesses.push({ key: "", field, message });

  const title = layout.title ?? FORM_PLACEHOLDER;
  if (layout.title === undefined) ask("title", "没有找到表名（如“2014年上海工会金秋助学情况统计表”），请填写表名");
  const year = /((?:19|20)\d{2})[\s]*年/.exec(foldWidth(title))?.[1];
  if (year) ask("period", `统计期间已按表名中的“${year}”年填写，请确认`);
  else ask("period", "统计期间无法从表格文字得知，请填写（如“2014”）");
  const dueDate = `${year ?? "2000"}-12-31`;
  ask("dueDate", `报送截止日期无法从表格文字得知，已暂填 ${dueDate}，请按通知填写`);
  ask("issuer", "请填写发文单位（如“上海市总工会”）");
  if (layout.docNo) ask("docNo", `文号取自粘贴的文字“${layout.docNo}”，请确认`);
  else ask("docNo", "请填写通知的文号（如“沪工总保〔2014〕156号”）");
  ask("id", `模板编号暂为 ${NEW_FORM_ID}，请改为本表的编号（小写字母、数字和连字符，如 sh-2014-jqzx）`);
  if (layout.others.length > 0) {
    ask("", `粘贴的文字还有${layout.others.join("、")}，本草稿只含第一张表；其余的表请分别粘贴起草`);
  }
  // Every official form asks who filled it in and how to reach them.
  if (!layout.header) ask("header", "表中没有印填报人、联系电话，已按惯例加上，请确认");

  const items = built.items;
  if (items.length === 0) {
    items.push({ key: "item1", no: "1", label: LABEL_PLACEHOLDER, unit: "人", type: "integer", required: true });
    guesses.push({
      key: "item1",
      field: "label",
      message: "粘贴的文字中没有找到填空（如“_____（万元）”），已放一个空白项目，请核对粘贴的内容或逐项填写",
    });
  }

  const description = [
    "根据通知附件的文字起草，各项文字与附件所印一致，请逐项核对。",
    ...(built.notes.length > 0 ? [`表中其他文字：${built.notes.join("；")}`] : []),
  ].join("");

  return {
    template: {
      id: NEW_FORM_ID,
      version: 1,
      title,
      issuer: FORM_PLACEHOLDER,
      docNo: layout.docNo ?? FORM_PLACEHOLDER,
      ...(layout.attachment !== undefined ? { attachment: layout.attachment } : {}),
      period: year ?? FORM_PLACEHOLDER,
      dueDate,
      description,
      header: STANDARD_HEADER.map((h) => ({ ...h })),
      sections: [{ kind: "items", key: "main", items }],
      breakdowns: built.breakdowns,
    },
    guesses: [...guesses, ...built.guesses],
  };
}
