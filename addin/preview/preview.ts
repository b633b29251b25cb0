/**
 * The preview page: an in-memory workbook drawn as a spreadsheet on the left,
 * the real task pane on the right, talking through `FormWorkbook` exactly as
 * in Excel. The demo a newcomer opens, and the surface of the browser tests.
 * The pane keeps its token and offline queue in this browser's localStorage.
 */
import { webStorageStore } from "../sync/storage";
import { createApp } from "../ui/app";
import { PREVIEW_DEMO_TOKENS } from "./demo-tokens";
import { mountGrid } from "./grid-view";
import { MemoryWorkbook } from "./memory-workbook";

const sheetRoot = document.getElementById("sheet");
const paneRoot = document.getElementById("pane");

if (sheetRoot && paneRoot) {
  const workbook = new MemoryWorkbook();
  mountGrid(sheetRoot, workbook);
  const app = createApp({
    root: paneRoot,
    workbook,
    apiBase: new URL("/api/v1", location.href).href,
    store: webStorageStore(window.localStorage),
    demoTokens: PREVIEW_DEMO_TOKENS,
  });
  // Browser tests may look at the page's state through this handle.
  (window as unknown as { huibiao: unknown }).huibiao = { workbook, app };
}
