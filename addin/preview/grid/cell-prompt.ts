/** Excel's input prompt: the data validation's title and message, shown under the focused cell. */
import type { MemorySheet } from "../../memory/memory-workbook";
import { add, clear, h } from "../../ui/views/dom";

export interface CellPrompt {
  el: HTMLElement;
  /** Shows the prompt of the validation at `address` under `td` (inside `root`), or hides it when there is none. */
  show(sheet: MemorySheet, address: string, td: HTMLElement, root: HTMLElement): void;
  hide(): void;
}

export function cellPrompt(): CellPrompt {
  const el = h("div", { class: "xl-prompt", role: "tooltip", hidden: true });
  return {
    el,
    show(sheet, address, td, root) {
      const block = sheet.validation.get(address);
      if (!block) {
        el.hidden = true;
        return;
      }
      clear(el);
      add(el, h("strong", {}, block.prompt.title), h("p", {}, block.prompt.message));
      const box = td.getBoundingClientRect();
      const host = root.getBoundingClientRect();
      el.style.left = `${box.left - host.left + 12}px`;
      el.style.top = `${box.bottom - host.top + 4}px`;
      el.hidden = false;
    },
    hide() {
      el.hidden = true;
    },
  };
}
