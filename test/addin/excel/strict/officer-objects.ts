/**
 * What the officer's sheets use and the form does not: charts, the
 * AutoFilter and frozen panes. Charts are objects (allowEditObjects on a
 * protected sheet); adding an AutoFilter is refused there, re-applying one
 * needs allowAutoFilter; freezing panes is a view setting, always allowed.
 */
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { officeError } from "./errors";
import { guard } from "./protection";
import { METHOD_PATH_BYTES } from "./payload";
import type { ChartState, SheetState } from "./state";
import { addressOf } from "./events";
import { boxesOf, type Range } from "./range";

function addressArg(r: Range | string): string {
  return typeof r === "string" ? r : addressOf(r.resolve().boxes);
}

export class ChartCollection extends ClientObject<SheetState> {
  constructor(context: FakeContext, parent: ClientObject, locate: () => SheetState) {
    super(context, parent, 60, locate, "ChartCollection");
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    if (props.some((p) => p !== "items" && !p.startsWith("items/")))
      throw officeError("InvalidArgument", "Cannot load that.");
    const sheet = this.resolve();
    return {
      items: sheet.charts.map((c) => {
        const proxy = new Chart(this.context, this, () => ({ sheet, chart: c }));
        proxy.cache.set("name", c.name);
        return proxy;
      }),
    };
  }

  get items(): Chart[] {
    return this.read("items");
  }

  add(type: string, source: Range | string, seriesBy = "Auto"): Chart {
    const chart = new Chart(this.context, this);
    this.context.command(this, "ChartCollection.add", [type, "range", seriesBy], () => {
      const sheet = this.resolve();
      guard(sheet, "editObjects", "ChartCollection.add");
      const state: ChartState = {
        id: this.context.core.book.nextId++,
        name: `Chart ${sheet.charts.length + 1}`,
        type,
        source: addressArg(source),
        seriesBy,
        legend: {},
      };
      sheet.charts.push(state);
      chart.bind({ sheet, chart: state });
    });
    return chart;
  }
}

interface ChartTarget {
  sheet: SheetState;
  chart: ChartState;
}

export class Chart extends ClientObject<ChartTarget> {
  readonly title: { text: string };
  readonly legend: { visible: boolean; position: string };
  readonly dataLabels: { showPercentage: boolean };
  readonly series: { getItemAt(i: number): { name: string; setXAxisValues(r: Range | string): void } };

  constructor(context: FakeContext, parent: ClientObject, locate?: () => ChartTarget) {
    super(context, parent, METHOD_PATH_BYTES, locate, "Chart");
    const set =
      <V>(api: string, f: (c: ChartState, v: V) => void) =>
      (v: V): void =>
        this.call(api, [typeof v === "object" ? "range" : v], ({ sheet, chart }) => {
          guard(sheet, "editObjects", api);
          f(chart, v);
        });
    const title = set("ChartTitle.text", (c, v: string) => (c.title = v));
    const legendVisible = set("ChartLegend.visible", (c, v: boolean) => (c.legend.visible = v));
    const legendPosition = set("ChartLegend.position", (c, v: string) => (c.legend.position = v));
    const percentage = set("ChartDataLabels.showPercentage", (c, v: boolean) => (c.showPercentage = v));
    const seriesName = set("ChartSeries.name", (c, v: string) => (c.seriesName = v));
    const xAxis = set("ChartSeries.setXAxisValues", (c, v: Range | string) => (c.xAxis = addressArg(v)));
    this.title = accessors({ text: title });
    this.legend = accessors({ visible: legendVisible, position: legendPosition });
    this.dataLabels = accessors({ showPercentage: percentage });
    const series = { ...accessors({ name: seriesName }), setXAxisValues: xAxis };
    this.series = { getItemAt: () => series as { name: string; setXAxisValues(r: Range | string): void } };
  }

  snapshot(props: readonly string[]): Record<string, unknown> {
    const { chart } = this.resolve();
    return Object.fromEntries(props.map((p) => [p, p === "name" ? chart.name : undefined]));
  }

  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v, "Chart.name", ({ sheet, chart }) => {
      guard(sheet, "editObjects", "Chart.name");
      chart.name = v;
    });
  }

  setPosition(from: Range | string, to?: Range | string): void {
    this.call("Chart.setPosition", [typeof from === "string" ? from : "range"], ({ sheet, chart }) => {
      guard(sheet, "editObjects", "Chart.setPosition");
      chart.position = { from: addressArg(from), ...(to ? { to: addressArg(to) } : {}) };
    });
  }

  delete(): void {
    this.call("Chart.delete", [], ({ sheet, chart }) => {
      guard(sheet, "editObjects", "Chart.delete");
      sheet.charts = sheet.charts.filter((c) => c !== chart);
    });
  }
}

export class AutoFilter extends ClientObject<SheetState> {
  constructor(context: FakeContext, parent: ClientObject, locate: () => SheetState) {
    super(context, parent, 60, locate, "AutoFilter");
  }
  snapshot(): Record<string, unknown> {
    return {};
  }
  apply(range: Range | string): void {
    this.call("AutoFilter.apply", ["range"], (s) => {
      guard(s, "autoFilterApply", "AutoFilter.apply");
      s.autoFilter = boxesOf(addressArg(range))[0];
    });
  }
  reapply(): void {
    this.call("AutoFilter.reapply", [], (s) => {
      if (!s.autoFilter) throw officeError("InvalidOperation", "The sheet has no AutoFilter.", "AutoFilter.reapply");
      guard(s, "autoFilterReapply", "AutoFilter.reapply");
    });
  }
}

export class FreezePanes extends ClientObject<SheetState> {
  constructor(context: FakeContext, parent: ClientObject, locate: () => SheetState) {
    super(context, parent, 60, locate, "WorksheetFreezePanes");
  }
  snapshot(): Record<string, unknown> {
    return {};
  }
  freezeRows(count: number): void {
    this.call("WorksheetFreezePanes.freezeRows", [count], (s) => (s.frozen = `rows:${count}`), { readOnly: true });
  }
  freezeAt(range: Range | string): void {
    this.call("WorksheetFreezePanes.freezeAt", ["range"], (s) => (s.frozen = addressArg(range)), { readOnly: true });
  }
}

/** An object whose properties are write-only setters queuing commands (`chart.title.text = …`). */
function accessors<T extends Record<string, (v: never) => void>>(setters: T): { [K in keyof T]: Parameters<T[K]>[0] } {
  const o = {};
  for (const [k, f] of Object.entries(setters)) Object.defineProperty(o, k, { set: f, enumerable: true });
  return o as { [K in keyof T]: Parameters<T[K]>[0] };
}
