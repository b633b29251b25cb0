import { XlsxError } from "./errors";

/**
 * A tiny pull tokenizer for the XML of OOXML parts (Workers have no DOMParser):
 * start tags with their attributes, end tags and text, in document order.
 * Element and attribute names are given without their namespace prefix
 * (`x:c` → `c`, `r:id` → `id`): writers built on the Open XML SDK prefix the
 * SpreadsheetML namespace, Excel does not. Comments, processing instructions
 * and the DOCTYPE are skipped; entities are the five predefined ones and
 * character references only (XML 1.0 §4.6) — a DOCTYPE's own entities are
 * never expanded (no "billion laughs"). CDATA sections are text.
 */

export type XmlToken = "open" | "close" | "text" | "end";

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref] ?? whole;
    const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * `name="value"` pairs of a start tag's inside, in one pass: a regular
 * expression retried at each position backtracks over a long run without `=`
 * (a crafted megabyte tag costs hours). Anything that is not a pair is skipped.
 */
function readAttributes(inner: string, from: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  let i = from;
  while (i < inner.length) {
    const c = inner.charCodeAt(i);
    if (isSpace(c) || c === 47 /* / */ || c === 61 /* = */ || c === 62 /* > in a stray quote */) {
      i++;
      continue;
    }
    const start = i;
    while (i < inner.length && !isSpace(inner.charCodeAt(i)) && !"=/>".includes(inner[i] as string)) i++;
    const name = inner.slice(start, i);
    let j = i;
    while (j < inner.length && isSpace(inner.charCodeAt(j))) j++;
    if (inner[j] !== "=") continue;
    j++;
    while (j < inner.length && isSpace(inner.charCodeAt(j))) j++;
    const quote = inner[j];
    if (quote !== '"' && quote !== "'") {
      i = j;
      continue;
    }
    const close = inner.indexOf(quote, j + 1);
    if (close < 0) break;
    attrs[localName(name)] = decodeEntities(inner.slice(j + 1, close));
    i = close + 1;
  }
  return attrs;
}

export class XmlCursor {
  /** Local name of the element just opened or closed. */
  name = "";
  /** Attributes of the element just opened, by local name, entities decoded. */
  attrs: Record<string, string> = {};
  /** The element just opened has no content (`<c r="A1"/>`): no close token follows. */
  empty = false;
  /** The text just read, entities decoded. */
  text = "";
  private at = 0;

  constructor(
    private readonly xml: string,
    private readonly part = "",
  ) {}

  next(): XmlToken {
    // A loop, not a call per comment or processing instruction: thousands in a row would overflow the stack.
    for (;;) {
      const token = this.step();
      if (token !== undefined) return token;
    }
  }

  /** One piece of markup: a token, or undefined for a skipped comment, PI or DOCTYPE. */
  private step(): XmlToken | undefined {
    const xml = this.xml;
    const at = this.at;
    if (at >= xml.length) return "end";
    if (xml.charCodeAt(at) !== 60 /* < */) {
      let stop = xml.indexOf("<", at);
      if (stop < 0) stop = xml.length;
      this.text = decodeEntities(xml.slice(at, stop));
      this.at = stop;
      return "text";
    }
    const second = xml.charCodeAt(at + 1);
    if (second === 47 /* / */) {
      const stop = this.find(">", at);
      this.name = localName(xml.slice(at + 2, stop).trim());
      this.at = stop + 1;
      return "close";
    }
    if (second === 63 /* ? */) {
      this.at = this.find("?>", at) + 2;
      return undefined;
    }
    if (second === 33 /* ! */) {
      if (xml.startsWith("<![CDATA[", at)) {
        const stop = this.find("]]>", at);
        this.text = xml.slice(at + 9, stop);
        this.at = stop + 3;
        return "text";
      }
      if (xml.startsWith("<!--", at)) this.at = this.find("-->", at) + 3;
      else this.at = this.skipDoctype(at);
      return undefined;
    }
    const stop = this.tagEnd(at);
    this.empty = xml.charCodeAt(stop - 1) === 47;
    const inner = xml.slice(at + 1, this.empty ? stop - 1 : stop);
    const space = inner.search(/[\s]/);
    this.name = localName(space < 0 ? inner : inner.slice(0, space));
    this.attrs = space < 0 ? {} : readAttributes(inner, space);
    this.at = stop + 1;
    return "open";
  }

  /**
   * The text content of the element just opened, up to its end tag (nested
   * elements' text included, for `<is><t>` and rich-text runs `<r><t>`);
   * elements named in `skip` are left out with their content (phonetic `rPh`).
   */
  readText(skip?: string): string {
    if (this.empty) return "";
    let depth = 1;
    let skipping = 0;
    let out = "";
    for (;;) {
      const token = this.next();
      if (token === "end") throw new XlsxError("corrupt", `${this.part}: unclosed element`);
      if (token === "text") {
        if (skipping === 0) out += this.text;
      } else if (token === "open") {
        if (this.empty) continue;
        depth++;
        if (skipping > 0 || this.name === skip) skipping++;
      } else {
        depth--;
        if (skipping > 0) skipping--;
        if (depth === 0) return out;
      }
    }
  }

  /** Skips the rest of the element just opened, through its end tag. */
  skip(): void {
    if (this.empty) return;
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token === "end") throw new XlsxError("corrupt", `${this.part}: unclosed element`);
      if (token === "open" && !this.empty) depth++;
      else if (token === "close") depth--;
    }
  }

  private find(what: string, from: number): number {
    const stop = this.xml.indexOf(what, from);
    if (stop < 0) throw new XlsxError("corrupt", `${this.part}: unterminated markup at ${from}`);
    return stop;
  }

  /** The `>` closing a start tag, not one inside a quoted attribute value. */
  private tagEnd(from: number): number {
    const xml = this.xml;
    let quote = 0;
    for (let i = from + 1; i < xml.length; i++) {
      const c = xml.charCodeAt(i);
      if (quote !== 0) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) return i;
    }
    throw new XlsxError("corrupt", `${this.part}: unterminated tag at ${from}`);
  }

  /** `<!DOCTYPE … [ internal subset ] >`: skipped whole. */
  private skipDoctype(from: number): number {
    const bracket = this.xml.indexOf("[", from);
    const close = this.find(">", from);
    if (bracket >= 0 && bracket < close) return this.find(">", this.find("]", bracket)) + 1;
    return close + 1;
  }
}
