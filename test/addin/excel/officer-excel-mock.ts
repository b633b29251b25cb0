/**
 * The recording Excel mock of test/addin/excel/excel-mock.ts (office-addin-mock,
 * syncs counted per `Excel.run`), extended with what the officer's sheets use
 * and the filler's do not: charts, AutoFilter, freeze panes, `fill.clear()`.
 * Every worksheet proxy the adapter obtains is extended once; what it does is
 * recorded per sheet.
 */
import { createExcelMock, type ExcelMock, type SheetRecord } from "./excel-mock";

type Any = any;

export interface ChartRecord {
  type: string;
  source: string | undefined;
  seriesBy: string;
  name?: string;
  title: { text?: string };
  legend: { visible?: boolean; position?: string };
  dataLabels: { showPercentage?: boolean };
  series: { name?: string; xAxis?: string };
  position?: { from: string; to: string };
  deleted: boolean;
}

export interface SheetExtras {
  autoFilters: (string | undefined)[];
  reapplied: number;
  frozenRows: number[];
  frozenAt: (string | undefined)[];
  charts: ChartRecord[];
  chartLoads: number;
  fillsCleared: string[];
}

export interface OfficerExcelMock extends ExcelMock {
  extras(sheet: string): SheetExtras;
}

export function createOfficerExcelMock(supported?: { notes: boolean; comments: boolean }): OfficerExcelMock {
  const base = createExcelMock(supported);
  const extras = new WeakMap<object, SheetExtras>();

  const augment = (ws: Any): Any => {
    if (!ws || ws.isNullObject === true || extras.has(ws)) return ws;
    const x: SheetExtras = {
      autoFilters: [],
      reapplied: 0,
      frozenRows: [],
      frozenAt: [],
      charts: [],
      chartLoads: 0,
      fillsCleared: [],
    };
    extras.set(ws, x);
    const getRange = ws.getRange;
    ws.getRange = (address: string) => {
      const r = getRange(address);
      if (!r.format.fill.clear) {
        r.format.fill.clear = () => {
          x.fillsCleared.push(address);
          r.format.fill.color = undefined;
        };
      }
      return r;
    };
    ws.autoFilter = {
      apply(range: unknown) {
        x.autoFilters.push(typeof range === "string" ? range : base.addressOf(range));
      },
      reapply() {
        x.reapplied++;
      },
    };
    ws.freezePanes = {
      freezeRows(n: number) {
        x.frozenRows.push(n);
      },
      freezeAt(range: unknown) {
        x.frozenAt.push(typeof range === "string" ? range : base.addressOf(range));
      },
    };
    ws.charts = {
      load() {
        x.chartLoads++;
      },
      add(type: string, range: unknown, seriesBy: string) {
        const rec: ChartRecord = {
          type,
          source: base.addressOf(range),
          seriesBy,
          title: {},
          legend: {},
          dataLabels: {},
          series: {},
          deleted: false,
        };
        const chart: Any = {
          title: rec.title,
          legend: rec.legend,
          dataLabels: rec.dataLabels,
          set name(v: string) {
            rec.name = v;
          },
          get name() {
            return rec.name ?? "";
          },
          series: {
            getItemAt: () => ({
              set name(v: string) {
                rec.series.name = v;
              },
              setXAxisValues(r: unknown) {
                rec.series.xAxis = base.addressOf(r);
              },
            }),
          },
          setPosition(from: string, to: string) {
            rec.position = { from, to };
          },
          delete() {
            rec.deleted = true;
          },
        };
        // Existing charts are listed through `items` with their proxies.
        Object.defineProperty(rec, "proxy", { value: chart, enumerable: false });
        x.charts.push(rec);
        return chart;
      },
    };
    // `items` hands out the live charts' proxies (with delete), as a loaded collection does.
    Object.defineProperty(ws.charts, "items", {
      get: () => x.charts.filter((c) => !c.deleted).map((c) => (c as Any).proxy),
    });
    return ws;
  };

  const host = {
    ...base.host,
    run<T>(a: unknown, b?: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      const batch = (typeof a === "function" ? a : b) as (context: Excel.RequestContext) => Promise<T>;
      return base.host.run((ctx) => {
        const sheets = (ctx as Any).workbook.worksheets;
        for (const m of ["add", "getItem", "getItemOrNullObject"]) {
          const f = sheets[m];
          sheets[m] = (...args: unknown[]) => augment(f(...args));
        }
        return batch(ctx);
      });
    },
  };

  return {
    ...base,
    host,
    extras(sheet: string): SheetExtras {
      const rec: SheetRecord = base.sheet(sheet);
      augment(rec.mock);
      return extras.get(rec.mock) as SheetExtras;
    },
  };
}
