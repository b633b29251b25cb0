/**
 * The fills and font colours of our sheets, part of the layout: every renderer
 * (Office.js, the in-memory preview) uses these, so the preview looks like Excel.
 */
export const COLORS = {
  input: "#EEF5FF",
  error: "#FFC7CE",
  errorText: "#9C0006",
  warning: "#FFEB9C",
  header: "#D9E1F2",
  /** Computed items: grey, as Excel users know cells that hold a formula and take no typing. */
  computed: "#F2F2F2",
} as const;
