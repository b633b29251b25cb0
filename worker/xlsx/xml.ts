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

/** Line ends in text become \n before entities are decoded (XML 1.0 §2.11): `&#13;` alone keeps a CR. */
function textOf(raw: string): string {
  return decodeEntities(raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw);
}

/** Literal white space in an attribute value becomes a space (XML 1.0 §3.3.3); `&#10;` stays a line break. */
function attributeOf(raw: string): string {
  return decodeEntities(/[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw);
}

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

/** Characters that end an element name: whitespace, `/`, `>`. */
const NAME_END: boolean[] = [];
for (const c of [9, 10, 13, 32, 47, 62]) NAME_END[c] = true;

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
      this.text = textOf(xml.slice(at, stop));
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
        this.text = xml.slice(at + 9, stop).replace(/\r\n?/g, "\n");
        this.at = stop + 3;
        return "text";
      }
      if (xml.startsWith("<!--", at)) this.at = this.find("-->", at) + 3;
      else this.at = this.skipDoctype(at);
      return undefined;
    }
    this.openTag(at);
    return "open";
  }

  /**
   * The text content of the element just opened, up to its end tag (nested
   * elements' text included).
   */
  readText(): string {
    if (this.empty) return "";
    let depth = 1;
    let out = "";
    for (;;) {
      const token = this.next();
      if (token === "end") throw new XlsxError("corrupt", `${this.part}: unclosed element`);
      if (token === "text") out += this.text;
      else if (token === "open") {
        if (!this.empty) depth++;
      } else if (--depth === 0) return out;
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

  /** Reads the start tag at `from` (`<name attr="v" …>` or `…/>`): name, attributes, emptiness. */
  private openTag(from: number): void {
    const xml = this.xml;
    let i = from + 1;
    while (i < xml.length && !NAME_END[xml.charCodeAt(i)]) i++;
    this.name = localName(xml.slice(from + 1, i));
    const attrs: Record<string, string> = {};
    for (;;) {
      while (i < xml.length && xml.charCodeAt(i) <= 32) i++;
      const c = xml.charCodeAt(i);
      if (c === 62 /* > */) {
        this.empty = false;
        break;
      }
      if (c === 47 /* / */ && xml.charCodeAt(i + 1) === 62) {
        this.empty = true;
        i++;
        break;
      }
      const eq = xml.indexOf("=", i);
      if (eq < 0) throw new XlsxError("corrupt", `${this.part}: unterminated tag at ${from}`);
      const name = xml.slice(i, eq).trim();
      i = eq + 1;
      while (i < xml.length && xml.charCodeAt(i) <= 32) i++;
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") throw new XlsxError("corrupt", `${this.part}: attribute at ${i}`);
      const close = xml.indexOf(quote, i + 1);
      if (close < 0) throw new XlsxError("corrupt", `${this.part}: unterminated tag at ${from}`);
      attrs[localName(name)] = attributeOf(xml.slice(i + 1, close));
      i = close + 1;
    }
    this.attrs = attrs;
    this.at = i + 1;
  }

  /** `<!DOCTYPE … [ internal subset ] >`: skipped whole. */
  private skipDoctype(from: number): number {
    const bracket = this.xml.indexOf("[", from);
    const close = this.find(">", from);
    if (bracket >= 0 && bracket < close) return this.find(">", this.find("]", bracket)) + 1;
    return close + 1;
  }
}
