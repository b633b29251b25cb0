/** The sheet tabs under the grid: one per sheet of the workbook, the active one highlighted, and ＋. */
import type { MemoryWorkbook } from "../../memory/memory-workbook";
import { add, clear, h } from "../../ui/views/dom";

export function drawTabs(tabs: HTMLElement, wb: MemoryWorkbook, pick: (name: string) => void): void {
  clear(tabs);
  for (const name of wb.sheetNames()) {
    const tab = h(
      "button",
      { type: "button", role: "tab", class: name === wb.active ? "xl-tab xl-tab-on" : "xl-tab" },
      name,
    );
    tab.addEventListener("click", () => pick(name));
    add(tabs, tab);
  }
  if (wb.sheetNames().length === 0) add(tabs, h("span", { class: "xl-tab xl-tab-on" }, "Sheet1"));
  // Excel's ＋: a blank sheet to paste a notice's table into (新建表单 → 从当前工作表起草).
  const plus = h("button", { type: "button", class: "xl-tab", title: "新建工作表", "data-new-sheet": "" }, "＋");
  plus.addEventListener("click", () => void wb.addBlankSheet());
  add(tabs, plus);
}
