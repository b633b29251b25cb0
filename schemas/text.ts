/**
 * Characters as a clerk counts them: a surrogate pair (a rare 汉字 outside the
 * BMP, an emoji) is one character. Excel's LEN and its text-length validation
 * count UTF-16 units, so such a pair is two there: near a length limit Excel may
 * refuse a text that the engine accepts.
 */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}

/** `trim()` already covers U+3000, NBSP and BOM; zero-width spaces come from copied web text. */
const EDGE_SPACES = /^[\s\u200b]+|[\s\u200b]+$/g;

export function trimSpaces(s: string): string {
  const t = s.trim();
  if (t.length > 0 && (t.charCodeAt(0) === 0x200b || t.charCodeAt(t.length - 1) === 0x200b)) {
    return t.replace(EDGE_SPACES, "");
  }
  return t;
}

export function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x3000 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0xfeff
  );
}

/** Full-width ASCII (Ｕ+FF01–FF5E) and the ideographic space → ASCII, as IMEs often produce them. */
export function foldWidth(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else out += s[i];
  }
  return out;
}

/** Quotes at most 20 characters of what the clerk typed, so a pasted essay does not flood the pane. */
export function shorten(s: string): string {
  if (s.length <= 20) return s;
  return codePointLength(s) <= 20 ? s : `${Array.from(s).slice(0, 20).join("")}…`;
}

/** 「其中：各级党委政府资助」 reads better in a message without its 其中： lead-in. */
export function shortLabel(label: string): string {
  return label
    .replace(/^其中[:：]\s*/, "")
    .replace(/\s+/g, " ")
    .trim();
}
