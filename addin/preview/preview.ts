/**
 * The preview page: an in-memory workbook drawn as a spreadsheet on the left,
 * the real task pane on the right, talking through `FormWorkbook` exactly as
 * in Excel. The demo a newcomer opens, and the surface of the browser tests.
 */
import { createApp } from "../ui/app";
import { fetchTemplates } from "../ui/templates";
import { mountGrid } from "./grid-view";
import { MemoryWorkbook } from "./memory-workbook";

const sheetRoot = document.getElementById("sheet");
const paneRoot = document.getElementById("pane");

if (sheetRoot && paneRoot) {
  const workbook = new MemoryWorkbook();
  mountGrid(sheetRoot, workbook);
  const params = new URLSearchParams(location.search);
  const app = createApp({
    root: paneRoot,
    workbook,
    apiBase: new URL("/api/v1", location.href).href,
    loadTemplates: () => fetchTemplates(new URL("templates.json", location.href).href),
    unitName: params.get("unit") ?? "黄浦区总工会",
  });
  // Browser tests drive the page through this handle.
  (window as unknown as { huibiao: unknown }).huibiao = { workbook, app };
  const open = params.get("open");
  if (open) void app.open(open);
}
