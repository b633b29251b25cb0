import { shortLabel } from "../text";

/**
 * The words of a label as printed, without the line breaks of a PDF or Word copy:
 * 「共发放\n\n助学款」 is 共发放助学款. Spaces inside a line are kept (the official forms
 * print 「2014 年」), runs of them become one.
 */
export function joinLines(words: string): string {
  const lines = words
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t\u3000\u00a0]+/g, " ").trim())
    .filter((l) => l !== "");
  let out = "";
  for (const line of lines) {
    // Only Latin words or numbers broken across lines need the space back.
    out += out && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(line) ? ` ${line}` : line;
  }
  return out;
}

/** Where a blank sits inside its sentence (「与___单位联系」), as the official templates mark it. */
export const BLANK_MARK = "___";

/**
 * A blank's label: the words before it and, when the sentence goes on after it
 * (「与_____（家）单位联系，」), the blank's place and the words after.
 */
export function blankLabel(before: string, after: string): string {
  const head = joinLines(before).replace(/[：:\s]+$/, "");
  const tail = joinLines(after);
  return tail ? `${head}${BLANK_MARK}${tail}` : head;
}

/** Words before a `其中` lead-in or numbering that name no blank: only a lone 其中： is expected there. */
export function isLeadIn(words: string): boolean {
  return /^(?:其中[\s\u3000]*[：:]?)?$/.test(joinLines(words));
}

/** A guess names an item by its number and printed words: 第 5 项「发放助学款」. */
export function named(where: string, label: string): string {
  const words = shortLabel(label);
  return words ? `${where}「${words}」` : where || "未命名的项目";
}
