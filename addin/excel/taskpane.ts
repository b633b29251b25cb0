/**
 * Entry of the task pane inside Excel: wires the Office.js workbook and the
 * add-in's local storage into the pane. Nothing else in the pane knows it runs in Office.
 */
import { officeAutoOpen } from "./auto-open";
import { OfficeOfficerWorkbook } from "./officer-office";
import { OfficeWorkbook } from "./office-workbook";
import { MemoryStore, webStorageStore, type KeyValueStore } from "../sync/storage";
import { createApp } from "../ui/views/app";

function webStore(kind: "localStorage" | "sessionStorage", partitionKey: string | undefined): KeyValueStore {
  try {
    // Excel on the web partitions add-in storage and expects every key to start with the partition key.
    return webStorageStore(window[kind], { partitionKey });
  } catch {
    return new MemoryStore();
  }
}

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
    // Reviewers and admins get the status, consolidated and matrix sheets.
    officerWorkbook: new OfficeOfficerWorkbook(),
    apiBase: new URL("/api/v1", location.href).href,
    store: webStore("localStorage", Office.context.partitionKey),
    // Unsent 身份证号 / 银行卡号 wait here, gone when Excel closes (sync/outbox.ts).
    sessionStore: webStore("sessionStorage", Office.context.partitionKey),
    // A workbook that holds a form reopens the pane (manifest: Office.AutoShowTaskpaneWithDocument).
    autoOpen: officeAutoOpen(),
  });
});
