import type { Look } from "./sheet";

/**
 * The styles part of an export workbook (xl/styles.xml): each look of the
 * layout (schemas/layout/) as Excel's drawing of it sets it (addin/excel/
 * office-draw.ts, officer-draw.ts) — fonts, the header fill, alignment, wrap
 * and indent — combined with the number formats the cells use. Only the
 * combinations a workbook uses are written, in the order first asked for.
 */
/** 等线 11 (Excel's default), bold, a size, or the grey of the subtitle and stamp. */
function font(bold: boolean, size = 11, grey = false): string {
  return `<font>${bold ? "<b/>" : ""}<sz val="${size}"/>${grey ? '<color rgb="FF595959"/>' : ""}<name val="等线"/><family val="2"/></font>`;
}
/** normal, bold, title, subtitle, section title, heading, stamp */
const FONTS = [
  font(false),
  font(true),
  font(true, 16),
  font(false, 10, true),
  font(true, 12),
  font(true, 14),
  font(false, 11, true),
];
/** COLORS.header of schemas/layout/colors.ts. */
const HEADER_FILL =
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>';
const FILLS = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
  HEADER_FILL,
];

interface LookStyle {
  font: number;
  fill?: number;
  align?: "center" | "right";
  wrap?: boolean;
}

const LOOKS: Record<Look, LookStyle> = {
  title: { font: 2, align: "center" },
  subtitle: { font: 3, align: "center" },
  sectionTitle: { font: 4 },
  fieldLabel: { font: 1, align: "right" },
  columnHeader: { font: 1, fill: 2, align: "center", wrap: true },
  number: { font: 0, align: "center" },
  unit: { font: 0, align: "center" },
  label: { font: 0, wrap: true },
  heading: { font: 5 },
  stamp: { font: 6 },
  bold: { font: 1 },
};

/** Excel's built-in number formats; anything else is a custom format from id 164. */
const BUILT_IN: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "@": 49 };

function escapeAttr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export class StyleTable {
  private readonly formats = new Map<string, number>();
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly index = new Map<string, number>([["||0|", 0]]);

  /** The cellXfs index of a look, number format, indent and Excel's text prefix (quotePrefix). */
  id(look: Look | undefined, format = "General", indent = 0, quoted = false): number {
    const key = `${look ?? ""}|${format === "General" ? "" : format}|${indent}|${quoted ? "q" : ""}`;
    let id = this.index.get(key);
    if (id !== undefined) return id;
    const s: LookStyle = look ? LOOKS[look] : { font: 0 };
    const fmt = this.formatId(format);
    let xml =
      `<xf numFmtId="${fmt}" fontId="${s.font}" fillId="${s.fill ?? 0}" borderId="0" xfId="0"` +
      `${fmt ? ' applyNumberFormat="1"' : ""}${s.font ? ' applyFont="1"' : ""}${s.fill ? ' applyFill="1"' : ""}` +
      `${quoted ? ' quotePrefix="1"' : ""}`;
    if (s.align || s.wrap || indent > 0) {
      const align = s.align ?? (indent > 0 ? "left" : undefined);
      xml +=
        ' applyAlignment="1"><alignment' +
        `${align ? ` horizontal="${align}"` : ""} vertical="center"${s.wrap ? ' wrapText="1"' : ""}${indent > 0 ? ` indent="${indent}"` : ""}/></xf>`;
    } else xml += "/>";
    id = this.xfs.length;
    this.xfs.push(xml);
    this.index.set(key, id);
    return id;
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
      "</styleSheet>"
    );
  }
}
