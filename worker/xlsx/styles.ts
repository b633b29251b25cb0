import { COLORS } from "../../schemas/layout/colors";
import { LOOKS, type Look, type LookStyle } from "../../schemas/layout/looks";

/**
 * The styles part of an export workbook (xl/styles.xml): each look of
 * schemas/layout/looks.ts — the table the add-in's drawing in Excel reads too —
 * as fonts, fills, alignment, wrap and indent, combined with the number formats
 * the cells use. Only the combinations a workbook uses are written, in the
 * order first asked for.
 *
 * A form's input cells get the input colour and `protection locked="0"`, so a
 * protected sheet lets the clerk type there only (ECMA-376 Part 1 §18.8.33: a
 * cell is locked unless its xf says otherwise). Conditional formats take their
 * looks from `dxfs` (§18.8.17): red for errors, amber for warnings, the colours
 * the add-in marks cells with (schemas/layout/colors.ts).
 */

/** 等线 (Excel's default face) at the look's size, bold and colour. */
function fontXml(l: LookStyle): string {
  const color = l.color ? `<color rgb="FF${l.color.slice(1).toUpperCase()}"/>` : "";
  return `<font>${l.bold ? "<b/>" : ""}<sz val="${l.size ?? 11}"/>${color}<name val="等线"/><family val="2"/></font>`;
}

/** The differential formats of conditional formatting: a dxf's solid fill colour is its bgColor (§18.8.32). */
const DXFS = {
  error: `<dxf><font><color rgb="${argb(COLORS.errorText)}"/></font><fill><patternFill patternType="solid"><bgColor rgb="${argb(COLORS.error)}"/></patternFill></fill></dxf>`,
  warning: `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${argb(COLORS.warning)}"/></patternFill></fill></dxf>`,
} as const;

function argb(color: string): string {
  return `FF${color.slice(1).toUpperCase()}`;
}

function fillXml(color: string): string {
  return `<fill><patternFill patternType="solid"><fgColor rgb="FF${color.slice(1).toUpperCase()}"/><bgColor indexed="64"/></patternFill></fill>`;
}

/** Excel requires the first two fills to be these. */
const FILLS = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
/** Plain and bold first: most cells use one of them. */
const FONTS = [fontXml({}), fontXml({ bold: true })];

function indexOf(list: string[], xml: string): number {
  const i = list.indexOf(xml);
  return i >= 0 ? i : list.push(xml) - 1;
}

interface XfLook {
  font: number;
  fill?: number;
  align?: "center" | "right";
  wrap?: boolean;
}

/** Each look of schemas/layout/looks.ts as a font and a fill of this styles part. */
const XF_LOOKS = Object.fromEntries(
  (Object.entries(LOOKS) as [Look, LookStyle][]).map(([look, l]): [Look, XfLook] => [
    look,
    {
      font: indexOf(FONTS, fontXml(l)),
      ...(l.fill ? { fill: indexOf(FILLS, fillXml(l.fill)) } : {}),
      ...(l.align ? { align: l.align === "Center" ? "center" : "right" } : {}),
      ...(l.wrap ? { wrap: true } : {}),
    },
  ]),
) as Record<Look, XfLook>;

/** Excel's built-in number formats; anything else is a custom format from id 164. */
const BUILT_IN: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "@": 49 };

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export class StyleTable {
  private readonly formats = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly index = new Map<string, number>([["||0|", 0]]);

  private readonly dxfs: (keyof typeof DXFS)[] = [];

  /**
   * The cellXfs index of a look, number format, indent, Excel's text prefix
   * (quotePrefix) and whether the clerk types in the cell (`input`: unlocked, input colour).
   */
  id(look: Look | undefined, format = "General", indent = 0, quoted = false, input = false): number {
    const key = `${look ?? ""}|${format === "General" ? "" : format}|${indent}|${quoted ? "q" : ""}|${input ? "i" : ""}`;
    let id = this.index.get(key);
    if (id !== undefined) return id;
    const s: XfLook = look ? { ...XF_LOOKS[look] } : { font: 0 };
    if (input) s.fill = indexOf(FILLS, fillXml(COLORS.input));
    const fmt = this.formatId(format);
    let xml =
      `<xf numFmtId="${fmt}" fontId="${s.font}" fillId="${s.fill ?? 0}" borderId="0" xfId="0"` +
      `${fmt ? ' applyNumberFormat="1"' : ""}${s.font ? ' applyFont="1"' : ""}${s.fill ? ' applyFill="1"' : ""}` +
      `${quoted ? ' quotePrefix="1"' : ""}`;
    const aligned = s.align || s.wrap || indent > 0;
    if (input) xml += ' applyProtection="1"';
    if (aligned) xml += ' applyAlignment="1"';
    if (aligned || input) {
      xml += ">";
      if (aligned) {
        const align = s.align ?? (indent > 0 ? "left" : undefined);
        xml += `<alignment${align ? ` horizontal="${align}"` : ""} vertical="center"${s.wrap ? ' wrapText="1"' : ""}${indent > 0 ? ` indent="${indent}"` : ""}/>`;
      }
      if (input) xml += '<protection locked="0"/>';
      xml += "</xf>";
    } else xml += "/>";
    id = this.xfs.length;
    this.xfs.push(xml);
    this.index.set(key, id);
    return id;
  }

  /** The dxfs index of a conditional format's look. */
  dxf(severity: keyof typeof DXFS): number {
    const i = this.dxfs.indexOf(severity);
    return i >= 0 ? i : this.dxfs.push(severity) - 1;
  }

  private formatId(format: string): number {
    const builtIn = BUILT_IN[format];
    if (builtIn !== undefined) return builtIn;
    let id = this.formats.get(format);
    if (id === undefined) this.formats.set(format, (id = 164 + this.formats.size));
    return id;
  }

  xml(head: string, ns: string): string {
    const fmts = [...this.formats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return (
      `${head}<styleSheet xmlns="${ns}">` +
      (fmts.length > 0 ? `<numFmts count="${fmts.length}">${fmts.join("")}</numFmts>` : "") +
      `<fonts count="${FONTS.length}">${FONTS.join("")}</fonts>` +
      `<fills count="${FILLS.length}">${FILLS.join("")}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      (this.dxfs.length > 0
        ? `<dxfs count="${this.dxfs.length}">${this.dxfs.map((d) => DXFS[d]).join("")}</dxfs>`
        : "") +
      "</styleSheet>"
    );
  }
}
