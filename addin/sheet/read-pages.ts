/**
 * Reading a large area in pages of whole rows, so no Excel response passes the
 * payload budget (Excel on the web refuses one over 5 MB with
 * `ResponsePayloadSizeLimitExceeded`: Microsoft, "Resource limits and
 * performance optimization for Office Add-ins" and "Error handling with the
 * Excel JavaScript API"). A response's size is only known once it is back, so
 * the first page is small enough for long texts in every cell, each later page
 * is sized from the bytes per cell seen so far, and a page Excel refuses anyway
 * is halved and read again. An ordinary form is one page.
 */
import type { RangePos } from "../../schemas/layout/address";
import { PAYLOAD_BUDGET } from "./payload";

/** 32,768 cells: 128 bytes each (40 CJK characters) still fit the budget. */
export const FIRST_PAGE_CELLS = 32_768;

/** Pages are sized for half again the bytes per cell seen: a later page may hold longer texts. */
const MARGIN = 1.5;
/** A page at most grows fourfold over the last one: a few blank rows say little of the rest. */
const GROWTH = 4;

export class ReadPager {
  private nextTop: number;
  private cells = FIRST_PAGE_CELLS;
  private current: RangePos | undefined;

  constructor(
    private readonly area: RangePos,
    private readonly budget = PAYLOAD_BUDGET,
  ) {
    this.nextTop = area.top;
  }

  /** The next page to read, or undefined when the area is read. */
  next(): RangePos | undefined {
    if (this.nextTop > this.area.bottom) return undefined;
    const width = this.area.right - this.area.left + 1;
    const rows = Math.max(1, Math.floor(this.cells / width));
    this.current = {
      top: this.nextTop,
      left: this.area.left,
      bottom: Math.min(this.area.bottom, this.nextTop + rows - 1),
      right: this.area.right,
    };
    return this.current;
  }

  /** The page came back with `bytes` of values: move on, and size the next page by it. */
  done(bytes: number): void {
    const page = this.current;
    if (!page) return;
    const cells = (page.bottom - page.top + 1) * (page.right - page.left + 1);
    const perCell = Math.max(1, bytes / cells);
    this.cells = Math.max(1, Math.min(Math.floor(this.budget / (perCell * MARGIN)), cells * GROWTH));
    this.nextTop = page.bottom + 1;
    this.current = undefined;
  }

  /** Excel refused the page as too large: false when it was one row already (nothing smaller to try). */
  refused(): boolean {
    const page = this.current;
    if (!page || page.bottom === page.top) return false;
    this.cells = Math.floor((page.bottom - page.top + 1) / 2) * (page.right - page.left + 1);
    this.current = undefined;
    return true;
  }
}
