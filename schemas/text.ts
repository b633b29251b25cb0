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
