import { foldWidth } from "../text";

/**
 * The parts of a pasted 附件 around its blanks: 「附件 1」, the title line, the
 * 填报单位/填报人/联系电话 line(s), and the body with the items. The body is cut at
 * every header line, so a header printed between or below items ends the item before it.
 */
export interface TextLayout {
  /** "附件1" from 「附件 1」. */
  attachment?: string;
  title?: string;
  /** A 填报单位/填报人/联系电话 line was printed. */
  header: boolean;
  /** 文号 found anywhere in the text (when the whole notice was pasted). */
  docNo?: string;
  /** The body between header lines. */
  chunks: string[];
  /** Later 附件 of the same paste (「附件2」), left out of this draft: one form per draft. */
  others: string[];
}

/** 「填报单位：_____ 填报人：_____ 联系电话：_____」, also 「填报单位（盖章）：」. */
const HEADER = /(?:填报单位|填表单位|填报人|填表人|联系电话|填报日期|填表日期)[^：:\n]{0,8}[：:]/;
const ATTACHMENT = /^附件[\s\u3000]*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[\s\u3000]*[:：]?[\s\u3000]*(.*)$/;
const BLANK = /[_＿]{2,}/;
/** A line that starts with the form's numbering: 「1.」 「１．」 「一、」 「（1）」 「(1)」 「①」. */
const NUMBERED =
  /^[\s\u3000]*(?:[0-9０-９]{1,3}[.．、](?![0-9０-９])|[一二三四五六七八九十]{1,3}、|[（(][\s\u3000]*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})[\s\u3000]*[）)]|[①-⑳])/;
/** 沪工总保〔2014〕156号, 黄工办〔2022〕20号. */
const DOC_NO = /[\u4e00-\u9fff]{1,12}[〔［[][0-9０-９]{4}[〕］\]][\s\u3000]*[0-9０-９]{1,4}[\s\u3000]*号/;
/** A line that closes a sentence, or a title, cannot be the first half of the first item. */
const ENDS_BEFORE_ITEM = /(?:[。；;]|表)[\s\u3000]*$/;

const clean = (line: string) => line.replace(/[\s\u3000]+/g, " ").trim();

export function readLayout(text: string): TextLayout {
  const lines = text
    .replace(/^\ufeff/, "")
    .replace(/[\u200b\u200c\u200d]/g, "")
    .split(/\r\n?|\n/);
  const isHeader = lines.map((l) => HEADER.test(l));
  let start = lines.findIndex((l, i) => !isHeader[i] && BLANK.test(l));
  if (start < 0) start = lines.length;
  // A PDF copy may break the first item before its blank (「1. 2014 年助学活动共筹\n集资金_____」).
  if (start < lines.length && !NUMBERED.test(lines[start] ?? "")) {
    for (let i = start - 1, seen = 0; i >= 0 && seen < 3; i--) {
      const line = lines[i] ?? "";
      if (line.trim() === "") continue;
      if (isHeader[i] || ATTACHMENT.test(line.trim()) || ENDS_BEFORE_ITEM.test(line)) break;
      seen += 1;
      if (NUMBERED.test(line)) {
        start = i;
        break;
      }
    }
  }

  let attachment: string | undefined;
  const titles: string[] = [];
  lines.slice(0, start).forEach((line, i) => {
    if (isHeader[i]) return;
    const a = ATTACHMENT.exec(line.trim());
    if (a && attachment === undefined) {
      attachment = `附件${foldWidth(a[1] ?? "")}`;
      if (a[2]?.trim()) titles.push(clean(a[2]));
      return;
    }
    if (line.trim() !== "") titles.push(clean(line));
  });
  // The title is the last line before the items, preferring one that names a 表 (统计表, 汇总表).
  const title = titles.filter((t) => /表$/.test(t)).at(-1) ?? titles.at(-1);

  const chunks: string[] = [];
  const others: string[] = [];
  let chunk: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const other = ATTACHMENT.exec((lines[i] ?? "").trim());
    // The whole notice was pasted: the next 附件 is another form.
    if (other) others.push(`附件${foldWidth(other[1] ?? "")}`);
    if (others.length > 0) continue;
    if (isHeader[i]) {
      chunks.push(chunk.join("\n"));
      chunk = [];
    } else chunk.push(lines[i] ?? "");
  }
  chunks.push(chunk.join("\n"));

  const docNo = DOC_NO.exec(text)?.[0];
  return {
    ...(attachment !== undefined ? { attachment } : {}),
    ...(title !== undefined ? { title } : {}),
    header: isHeader.some(Boolean),
    ...(docNo !== undefined ? { docNo: foldWidth(docNo).replace(/\s+/g, "") } : {}),
    chunks: chunks.filter((c) => c.trim() !== ""),
    others,
  };
}
