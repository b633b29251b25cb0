const collator = new Intl.Collator("en", { numeric: true });

/** Roster row order: numeric-aware, so r2 comes before r10. */
export function compareRowIds(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}
