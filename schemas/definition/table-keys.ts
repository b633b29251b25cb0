/**
 * Keys a drafted template gives its items, rows, columns and sections: ASCII
 * `[a-z][a-z0-9_]*`, readable (item3, item3_1, idno) and stable — they follow
 * the printed numbers and headings, not the sheet rows, so a spacer row or a
 * reworded label elsewhere does not rename anything.
 */

/** Template keys one draft hands out; every name is taken once. */
export class KeyPool {
  private readonly used: Set<string>;

  /** `header` is the header fields' first key segment (header.phone). */
  constructor(reserved: readonly string[] = ["header"]) {
    this.used = new Set(reserved);
  }

  /**
   * `base`, or the first free variant of it: item5_2 … (number), or item5b …
   * (letter, for a second item sharing a printed number, so it does not read as
   * a part of item5).
   */
  take(base: string, style: "number" | "letter" = "number"): string {
    const clean = /^[a-z][a-z0-9_]*$/.test(base) ? base : "key";
    let key = clean;
    for (let n = 2; this.used.has(key); n++) {
      key = style === "letter" && n <= 26 ? `${clean}${String.fromCharCode(96 + n)}` : `${clean}_${n}`;
    }
    this.used.add(key);
    return key;
  }
}
