/**
 * A small strict XML reader for checking the manifest offline (Node has no
 * DOMParser, and `office-addin-manifest validate` needs the internet). It
 * rejects what Office's loader rejects: unbalanced or crossed tags, duplicate
 * or unquoted attributes, bare `&` and `<` in text, more than one root.
 * DTDs and processing instructions other than the prolog are refused outright.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  /** 1-based line of the start tag, for error messages. */
  line: number;
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);/;

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (message: string): never => {
    const line = source.slice(0, i).split("\n").length;
    throw new Error(`XML 第 ${line} 行：${message}`);
  };
  const lineAt = () => source.slice(0, i).split("\n").length;
  const decode = (raw: string): string => {
    let out = "";
    for (let k = 0; k < raw.length; k++) {
      const ch = raw[k] as string;
      if (ch === "<") fail("文本中出现未转义的 <");
      if (ch !== "&") {
        out += ch;
        continue;
      }
      const m = ENTITY.exec(raw.slice(k));
      if (!m) fail("文本中出现未转义的 &");
      const name = (m as RegExpExecArray)[1] as string;
      out +=
        name === "amp"
          ? "&"
          : name === "lt"
            ? "<"
            : name === "gt"
              ? ">"
              : name === "quot"
                ? '"'
                : name === "apos"
                  ? "'"
                  : String.fromCodePoint(name.startsWith("#x") ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
      k += (m as RegExpExecArray)[0].length - 1;
    }
    return out;
  };
  const skipSpace = () => {
    while (i < source.length && /\s/.test(source[i] as string)) i++;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (source.startsWith("<!--", i)) {
        const end = source.indexOf("-->", i + 4);
        if (end < 0) fail("注释没有结束");
        if (source.slice(i + 4, end).includes("--")) fail("注释中不能出现 --");
        i = end + 3;
      } else return;
    }
  };

  if (source.charCodeAt(0) === 0xfeff) i = 1;
  if (source.startsWith("<?xml", i)) {
    const end = source.indexOf("?>", i);
    if (end < 0) fail("XML 声明没有结束");
    i = end + 2;
  }
  skipMisc();
  if (source.startsWith("<!DOCTYPE", i) || source.startsWith("<?", i)) fail("不接受 DOCTYPE 或处理指令");

  const element = (): XmlElement => {
    const line = lineAt();
    if (source[i] !== "<") fail("应为元素开始标记");
    i++;
    const name = NAME.exec(source.slice(i))?.[0];
    if (!name) return fail("元素名无效");
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: "", line };
    for (;;) {
      const before = i;
      skipSpace();
      if (source.startsWith("/>", i)) {
        i += 2;
        return el;
      }
      if (source[i] === ">") {
        i++;
        break;
      }
      if (i === before) fail(`元素 <${name}> 的属性之间缺少空格`);
      const attr = NAME.exec(source.slice(i))?.[0];
      if (!attr) return fail(`元素 <${name}> 的属性名无效`);
      i += attr.length;
      skipSpace();
      if (source[i] !== "=") fail(`属性 ${attr} 缺少 =`);
      i++;
      skipSpace();
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail(`属性 ${attr} 的值没有引号`);
      const end = source.indexOf(quote as string, i + 1);
      if (end < 0) fail(`属性 ${attr} 的值没有结束`);
      if (attr in el.attrs) fail(`属性 ${attr} 重复`);
      el.attrs[attr] = decode(source.slice(i + 1, end));
      i = end + 1;
    }
    for (;;) {
      const next = source.indexOf("<", i);
      if (next < 0) fail(`元素 <${name}> 没有结束标记`);
      el.text += decode(source.slice(i, next));
      i = next;
      if (source.startsWith("<!--", i)) {
        skipMisc();
        continue;
      }
      if (source.startsWith("<![CDATA[", i)) {
        const end = source.indexOf("]]>", i);
        if (end < 0) fail("CDATA 没有结束");
        el.text += source.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      if (source.startsWith("</", i)) {
        i += 2;
        const close = NAME.exec(source.slice(i))?.[0];
        if (close !== name) fail(`结束标记 </${close ?? ""}> 与 <${name}>（第 ${line} 行）不匹配`);
        i += name.length;
        skipSpace();
        if (source[i] !== ">") fail(`结束标记 </${name}> 不完整`);
        i++;
        el.text = el.text.trim();
        return el;
      }
      el.children.push(element());
    }
  };

  const root = element();
  skipMisc();
  if (i < source.length) fail("根元素之后还有内容");
  return root;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

export function descendants(el: XmlElement): XmlElement[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}
