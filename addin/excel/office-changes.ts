/**
 * Reading back what the clerk changed. A change event says only where; the
 * values are read in a batch of their own, and that batch may fail — on a host
 * without delayForCellEdit (ExcelApi 1.11) it fails while the clerk is already
 * typing in the next cell. An edit must never be lost (issue 11, item 3), so
 * the areas still to read are kept, read again with the next event or after a
 * pause, and the session is told meanwhile (`onUnread`), so the pane does not
 * say 已保存 while the sheet holds an edit nobody has read.
 *
 * A multi-cell edit or a paste arrives without `details` and bypasses data
 * validation, so each changed area is read in full — in pages when it is
 * large (office-io.ts), and with what tells whether a paste broke the cells'
 * formats, which are then repaired (office-paste.ts).
 */
import type { RangePos } from "../../schemas/layout/address";
import type { CellIndex } from "../../schemas/layout/form/cell-index";
import type { CellKey, CellValue, CellsChangedHandler, UnreadHandler } from "../sheet/form-workbook";
import type { EchoMemory } from "./office-echoes";
import { RUN, type ExcelHost } from "./office-host";
import { toCellValue } from "./office-values";
import { readChange, type FormContext } from "./office-paste";

/** What the pane says while changed cells could not be read back. */
export const UNREAD_MESSAGE = "有刚录入的内容尚未读取（Excel 正忙或正在编辑单元格），稍后自动重试，请勿关闭工作簿";

export interface ChangeReaderOptions {
  host: ExcelHost;
  sheet: string;
  /** The index the sheet is bound to now (a roster may grow meanwhile). */
  index: () => CellIndex;
  /** The form as it is bound now, for the paste repair. */
  form: () => FormContext;
  handler: CellsChangedHandler;
  onUnread?: UnreadHandler;
  echoes: EchoMemory;
  /** First pause before reading again after a failure; doubles up to a minute. */
  retryMs: number;
}

export class ChangeReader {
  /** Changed areas not read yet, in event order. */
  private pending: string[] = [];
  private chain: Promise<void> = Promise.resolve();
  private unread = false;
  private delay: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(private readonly o: ChangeReaderOptions) {
    this.delay = o.retryMs;
  }

  /** An onChanged event of the sheet. */
  changed(event: Excel.WorksheetChangedEventArgs): Promise<void> {
    if (event.triggerSource === "ThisLocalAddin") return this.chain;
    if (this.o.index().cellsIn(event.address).length === 0) return this.chain;
    this.pending.push(event.address);
    return this.read();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Reads every pending area in one batch; one at a time, so reports keep their order. */
  private read(): Promise<void> {
    const run = async () => {
      if (this.stopped || this.pending.length === 0) return;
      const addresses = this.pending;
      this.pending = [];
      const index = this.o.index();
      const areas = addresses.map((address) => ({ cells: index.cellsIn(address) })).filter((a) => a.cells.length > 0);
      let grids: unknown[][][];
      try {
        grids = await this.o.host.run(RUN, async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem(this.o.sheet);
          const out: unknown[][][] = [];
          // One area is one sync (usually the only one); a large paste is read in pages.
          for (const a of areas) out.push(await readChange(ctx, ws, this.o.form(), boxOf(a.cells)));
          return out;
        });
      } catch {
        this.pending = [...addresses, ...this.pending];
        this.failed();
        return;
      }
      const values: Record<CellKey, CellValue> = {};
      areas.forEach((a, i) => {
        const box = boxOf(a.cells);
        for (const c of a.cells) {
          const v = toCellValue(grids[i]?.[c.row - box.top]?.[c.col - box.left]);
          if (this.o.echoes.isEcho(this.o.sheet, c.address, v)) continue;
          values[c.key] = v;
        }
      });
      // The handler queues the edits before the pane may drop its "not read yet" warning.
      const keys = Object.keys(values);
      if (keys.length > 0) this.o.handler(keys, values);
      this.succeeded();
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  private failed(): void {
    if (!this.unread) {
      this.unread = true;
      this.o.onUnread?.(UNREAD_MESSAGE);
    }
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.read();
    }, this.delay);
    this.delay = Math.min(this.delay * 2, 60_000);
  }

  private succeeded(): void {
    this.delay = this.o.retryMs;
    if (this.pending.length > 0 || !this.unread) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.unread = false;
    this.o.onUnread?.(null);
  }
}

/** The smallest area around `cells` (a paste may report 100,000 of them: no spread into Math.min). */
function boxOf(cells: readonly { row: number; col: number }[]): RangePos {
  const box = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
  for (const c of cells) {
    box.top = Math.min(box.top, c.row);
    box.left = Math.min(box.left, c.col);
    box.bottom = Math.max(box.bottom, c.row);
    box.right = Math.max(box.right, c.col);
  }
  return box;
}
