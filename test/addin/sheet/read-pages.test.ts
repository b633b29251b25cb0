/** Reading a sheet in pages that keep each Excel response under the payload budget. */
import { describe, expect, it } from "vitest";
import type { RangePos } from "../../../schemas/layout/address";
import { ReadPager } from "../../../addin/sheet/read-pages";
import { PAYLOAD_BUDGET } from "../../../addin/sheet/payload";

const area = (rows: number, cols: number) => ({ top: 1, left: 1, bottom: rows, right: cols });

describe("ReadPager", () => {
  it("reads an ordinary form in one page", () => {
    const pager = new ReadPager(area(60, 4));
    expect(pager.next()).toEqual({ top: 1, left: 1, bottom: 60, right: 4 });
    pager.done(60 * 4 * 12);
    expect(pager.next()).toBeUndefined();
  });

  it("covers a long roster row by row without gaps or overlaps, each page under the budget", () => {
    // 200 bytes a cell, long Chinese texts everywhere: the first page is refused, then pages fit.
    const pager = new ReadPager(area(20_010, 14));
    const pages: RangePos[] = [];
    let refusals = 0;
    for (let p = pager.next(); p; p = pager.next()) {
      const bytes = (p.bottom - p.top + 1) * 14 * 200;
      if (bytes > PAYLOAD_BUDGET) {
        expect(pager.refused()).toBe(true);
        refusals++;
        continue;
      }
      pages.push(p);
      pager.done(bytes);
    }
    expect(refusals).toBe(1);
    expect(pages[0]?.top).toBe(1);
    pages.slice(1).forEach((p, i) => expect(p.top).toBe((pages[i]?.bottom ?? 0) + 1));
    expect(pages[pages.length - 1]?.bottom).toBe(20_010);
  });

  it("grows pages when the cells are short, so a sparse 20,000-row roster takes a few syncs", () => {
    const pager = new ReadPager(area(20_010, 14));
    let syncs = 0;
    for (let p = pager.next(); p; p = pager.next()) {
      syncs++;
      pager.done((p.bottom - p.top + 1) * 14 * 6);
    }
    expect(syncs).toBeLessThanOrEqual(4);
  });

  it("halves the page Excel refused and reads it again", () => {
    const pager = new ReadPager(area(5000, 14));
    const first = pager.next();
    expect(pager.refused()).toBe(true);
    const again = pager.next();
    expect(again?.top).toBe(first?.top);
    expect((again?.bottom ?? 0) - (again?.top ?? 0) + 1).toBe(
      Math.floor(((first?.bottom ?? 0) - (first?.top ?? 0) + 1) / 2),
    );
  });

  it("gives up when even one row is refused", () => {
    const pager = new ReadPager(area(3, 14));
    let tries = 0;
    while (pager.next() && pager.refused()) tries++;
    expect(pager.refused()).toBe(false);
    expect(tries).toBeGreaterThan(0);
  });
});
