/** What every part of the xlsx writer shares: namespaces, the XML prolog, escaping. */

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/**
 * Text escaped for XML, in one pass (a form's 校验结果 sheet holds megabytes of
 * formulas). XML 1.0 cannot carry most C0 controls (not even escaped); they are dropped.
 */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters at all
  return text.replace(/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (ch) => ENTITIES[ch] ?? "");
}

/**
 * An attribute value: escaped, and line breaks as character references, since
 * a parser turns a literal newline in an attribute into a space (XML 1.0
 * §3.3.3, attribute-value normalisation) and a prompt would lose its lines.
 */
export function escapeAttr(text: string): string {
  return escapeXml(text).replace(/\r/g, "&#13;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}
