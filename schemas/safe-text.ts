/**
 * Characters free text from a client may not hold, in one place: the pane and
 * the Worker refuse them in text cells, 上报说明, return reasons and token
 * labels, and exports replace any that older data still holds.
 * - C0 controls and DEL, except tab, line feed and carriage return: a clerk's
 *   cell may hold a line break (Alt+Enter) or a pasted tab, nothing else. NUL
 *   in particular breaks C strings, XML (XLSX) and many CSV readers.
 * - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069):
 *   they make `exe.pdf` show as `fdp.exe` and reorder digits of an ID number.
 * - Lone surrogates: not Unicode text; UTF-8 cannot encode them, so they turn
 *   into U+FFFD somewhere on the way and a value no longer equals itself.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "g");

/** How a refused character is named to the clerk: `U+0000（空字符）`. */
function describe(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
  if (code === 0) return `${hex}（空字符）`;
  if (code < 0x20 || code === 0x7f) return `${hex}（控制字符）`;
  if (code >= 0xd800 && code <= 0xdfff) return `${hex}（不成对的代理项）`;
  return `${hex}（文字方向控制符）`;
}

/** Why `text` is refused (zh-CN, naming the first bad character), or undefined if it is fine. */
export function unsafeTextReason(text: string): string | undefined {
  const m = UNSAFE.exec(text);
  if (!m) return undefined;
  return `含有不允许的字符 ${describe(m[0])}（第 ${m.index + 1} 个字符），请删除后重新填写`;
}

/** Every refused character replaced by U+FFFD, for writing data stored before the check. */
export function replaceUnsafe(text: string): string {
  return text.replace(UNSAFE_ALL, "\uFFFD");
}
