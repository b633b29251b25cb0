/**
 * Hosts below ExcelApi 1.14 send change events without `triggerSource`, so
 * the add-in's own writes come back looking like the clerk's — and a locked
 * form that puts a value back would see its own put-back as a new edit and
 * put it back again, forever (issue 11, item 8). There the adapter loads what
 * each write left in the cells in the same batch (no extra round trip), and
 * the change reader drops a cell whose value is exactly that. Every read of a
 * cell forgets what was remembered for it, so a later edit of the same cell
 * is never mistaken for an echo.
 */
import { a1, parseRange } from "../../schemas/layout/address";
import type { CellValue } from "../sheet/form-workbook";
import { toCellValue } from "./office-values";

export class EchoMemory {
  /** sheet → address → the value the add-in's write left there. */
  private readonly written = new Map<string, Map<string, CellValue>>();

  /** `active`: the host's events carry no triggerSource. */
  constructor(readonly active: boolean) {}

  /**
   * Queues a load of each range just written (after the writes, in the same
   * batch); call the answer once the sync succeeded.
   */
  watch(sheet: string, writes: readonly { address: string; range: Excel.Range }[]): () => void {
    if (!this.active) return () => undefined;
    for (const w of writes) w.range.load("values");
    return () => {
      const memory = this.written.get(sheet) ?? new Map<string, CellValue>();
      this.written.set(sheet, memory);
      for (const w of writes) {
        const box = parseRange(w.address);
        const grid = w.range.values as unknown[][];
        grid.forEach((line, i) => line.forEach((v, j) => memory.set(a1(box.top + i, box.left + j), toCellValue(v))));
      }
    };
  }

  /** Whether the value read at `address` is the add-in's own write; forgets the address either way. */
  isEcho(sheet: string, address: string, value: CellValue): boolean {
    const memory = this.written.get(sheet);
    if (!memory?.has(address)) return false;
    const expected = memory.get(address);
    memory.delete(address);
    return expected === value;
  }
}
