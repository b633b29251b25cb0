/**
 * The preview page: an in-memory workbook drawn as a spreadsheet on the left,
 * the real task pane on the right, talking through `FormWorkbook` exactly as
 * in Excel. The demo a newcomer opens, and the surface of the browser tests.
 * The pane keeps its token and offline queue in this browser's localStorage, and
 * unsent sensitive values (身份证号, 银行卡号) in its sessionStorage (sync/outbox.ts).
 */
import { webStorageStore } from "../sync/storage";
import { parseCell } from "../../schemas/layout/address";
import { createApp, type App } from "../ui/views/app";
import { demoTokenList } from "./demo-token-list";
import { PREVIEW_DEMO_TOKENS } from "./demo-tokens";
import { mountGrid } from "./grid-view";
import { MemoryWorkbook } from "../memory/memory-workbook";
import { MemoryOfficerWorkbook } from "../memory/officer-memory";

const sheetRoot = document.getElementById("sheet");
const paneRoot = document.getElementById("pane");

if (sheetRoot && paneRoot) {
  const workbook = new MemoryWorkbook();
  // The officer's sheets are mirrored into the same workbook, so they appear as tabs of the grid.
  const officer = new MemoryOfficerWorkbook(workbook);
  let app: App | undefined;
  mountGrid(sheetRoot, workbook, {
    noteAt: (sheet, address) => officer.model(sheet)?.notes.get(address),
    chartsOf: (sheet) => officer.charts(sheet),
    // Clicking a unit's column header on the matrix, or its name on the status sheet, drills into its report.
    onCellClick: (sheet, address) => {
      const unit = unitAt(officer, sheet, address);
      const session = app?.officer();
      if (unit && session) void session.openUnit(unit);
    },
  });
  const params = new URLSearchParams(location.search);
  const pollMs = Number(params.get("pollMs") ?? "");
  app = createApp({
    root: paneRoot,
    workbook,
    officerWorkbook: officer,
    // ?pollMs=… shortens the officer's live refresh for demos and browser tests.
    officerPoll: Number.isFinite(pollMs) && pollMs > 0 ? { minMs: pollMs, maxMs: pollMs * 4 } : undefined,
    apiBase: new URL("/api/v1", location.href).href,
    store: webStorageStore(window.localStorage),
    sessionStore: webStorageStore(window.sessionStorage),
    signInExtra: (fill) => demoTokenList(PREVIEW_DEMO_TOKENS, fill),
  });
  // Browser tests may look at the page's state through this handle.
  (window as unknown as { huibiao: unknown }).huibiao = { workbook, officer, app };
}

/** The unit whose matrix column header or status row was clicked. */
function unitAt(officer: MemoryOfficerWorkbook, sheet: string, address: string): string | undefined {
  const model = officer.model(sheet);
  const p = parseCell(address);
  if (model?.matrix) {
    const m = model.matrix;
    if (p.row !== m.headerRow || p.col < m.firstUnitCol || p.col >= m.totalCol) return undefined;
    return m.units[p.col - m.firstUnitCol]?.code;
  }
  if (model?.status && p.col === 1) return model.status.units[p.row - model.status.firstRow]?.code;
  return undefined;
}
