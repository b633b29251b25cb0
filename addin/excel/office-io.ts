/**
 * Values to and from Excel within its payload limit: Excel on the web refuses a
 * request or a response over 5 MB (Microsoft, "Resource limits and performance
 * optimization for Office Add-ins": "Excel on the web has a payload size limit
 * for requests and responses of 5MB"; the errors are
 * `RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`,
 * "Error handling with the Excel JavaScript API"). Writes go as blocks of
 * adjacent cells, one `values` assignment each, in batches under 4 MB
 * (addin/sheet/value-blocks.ts); reads go in row pages sized from what came
 * back (addin/sheet/read-pages.ts), as "Read or write to a large range" advises.
 * An ordinary form is one sync either way.
 */
import { rangeAddress, type RangePos } from "../../schemas/layout/address";
import type { WriteBlock } from "../../schemas/layout/write-block";
import { gridBytes, PAYLOAD_BUDGET } from "../sheet/payload";
import { ReadPager } from "../sheet/read-pages";
import { batchesUnder } from "../sheet/value-blocks";

/**
 * Writes `blocks`, one sync per batch under the budget. `before` and `after`
 * wrap each batch (e.g. protection) in the same sync; `watch` is given the
 * ranges written (the echo memory loads them, office-echoes.ts) and answers
 * what to do once the sync succeeded.
 */
export async function writeInBatches(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  blocks: readonly WriteBlock[],
  around: {
    before?: () => void;
    after?: () => void;
    watch?: (written: { address: string; range: Excel.Range }[]) => () => void;
  } = {},
): Promise<void> {
  for (const batch of batchesUnder(blocks, PAYLOAD_BUDGET)) {
    around.before?.();
    const written = batch.map((b) => {
      const range = ws.getRange(b.address);
      range.values = b.values;
      return { address: b.address, range };
    });
    around.after?.();
    const remember = around.watch?.(written);
    await ctx.sync();
    remember?.();
  }
}

/** What one page load asks for: `values` always, `numberFormat` when a paste is checked. */
export type PageProperty = "values" | "numberFormat";

export interface PagedRead {
  values: unknown[][];
  numberFormat: unknown[][];
}

/**
 * Reads `area` page by page; `first` queues more loads on the first page's
 * sync (they ride along in the same round trip; queued again, on fresh
 * proxies, if Excel refuses that page). Rows come back in order, as one grid
 * the size of the area.
 */
export async function readInPages(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  area: RangePos,
  properties: readonly PageProperty[] = ["values"],
  first?: () => void,
): Promise<PagedRead> {
  const out: PagedRead = { values: [], numberFormat: [] };
  const pager = new ReadPager(area);
  let extra = first;
  for (let page = pager.next(); page; page = pager.next()) {
    const range = ws.getRange(rangeAddress(page));
    range.load(properties.join(","));
    extra?.();
    try {
      await ctx.sync();
    } catch (e) {
      if (isPayloadRefusal(e) && pager.refused()) continue;
      throw e;
    }
    extra = undefined;
    let bytes = 0;
    for (const p of properties) {
      const grid = range[p] as unknown[][];
      bytes += gridBytes(grid as (string | number | boolean)[][]);
      out[p].push(...grid);
    }
    pager.done(bytes);
  }
  return out;
}

/** Excel on the web refused a request or response as too large. */
export function isPayloadRefusal(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
}
