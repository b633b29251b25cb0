import { COLORS } from "./colors";
import type { TextStyle } from "./form/layout-types";

/**
 * How a text looks: the form layout's text styles, plus the officer sheets'
 * heading (their A1 title) and 最后更新 stamp, bold (locked values, 合计), and
 * computed (a computed item's value: grey, like a cell that holds a formula).
 */
export type Look = TextStyle | "heading" | "stamp" | "bold" | "computed";

/** Excel's words for it, so the Office.js adapter sets them as they are; the xlsx writer lower-cases them. */
export interface LookStyle {
  bold?: boolean;
  /** Points; Excel's 11 when not given. */
  size?: number;
  color?: string;
  fill?: string;
  align?: "Center" | "Right";
  wrap?: boolean;
}

/** The grey of the subtitle and the 最后更新 stamp. */
const GREY = "#595959";

/** One table for every drawing of a sheet: Excel through Office.js and the Worker's xlsx export. */
export const LOOKS: Record<Look, LookStyle> = {
  title: { bold: true, size: 16, align: "Center" },
  subtitle: { size: 10, color: GREY, align: "Center" },
  sectionTitle: { bold: true, size: 12 },
  fieldLabel: { bold: true, align: "Right" },
  columnHeader: { bold: true, fill: COLORS.header, align: "Center", wrap: true },
  number: { align: "Center" },
  unit: { align: "Center" },
  label: { wrap: true },
  heading: { bold: true, size: 14 },
  stamp: { color: GREY },
  bold: { bold: true },
  computed: { bold: true, fill: COLORS.computed },
};
