/**
 * Entry of the task pane inside Excel: wires the Office.js workbook into the
 * pane. Nothing else in the pane knows it runs in Office.
 */
import { OfficeWorkbook } from "./excel/office-workbook";
import { createApp } from "./ui/app";
import { fetchTemplates } from "./ui/templates";

void Office.onReady((info) => {
  const root = document.getElementById("app");
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    root.textContent = "汇表需要在 Excel 中打开。想先看看效果，请打开 preview.html。";
    return;
  }
  createApp({
    root,
    workbook: new OfficeWorkbook(),
    apiBase: new URL("/api/v1", location.href).href,
    loadTemplates: () => fetchTemplates(new URL("templates.json", location.href).href),
  });
});
