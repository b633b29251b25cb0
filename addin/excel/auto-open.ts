/**
 * Office.js side of `AutoOpen` (../sheet/auto-open.ts): tags the workbook with
 * the document setting Office.AutoShowTaskpaneWithDocument = true, so Excel
 * opens the pane whose TaskpaneId is Office.AutoShowTaskpaneWithDocument
 * (manifest/manifest.xml) whenever the workbook is opened and the add-in is
 * installed (Microsoft Learn, "Automatically open a task pane with a document").
 *
 * settings.saveAsync clears the user's undo history (OfficeDev/office-js #3141),
 * so the setting is saved at most once per pane, and not at all in a workbook
 * that already has it — whether true, or false because someone turned it off.
 */
import type { AutoOpen } from "../sheet/auto-open";

export const AUTO_SHOW_SETTING = "Office.AutoShowTaskpaneWithDocument";

/** The part of Office.context.document.settings used here (injectable for tests). */
export interface DocumentSettings {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  /** Calls `done` when the save has ended, saved or not. */
  saveAsync(done: () => void): void;
}

function documentSettings(): DocumentSettings {
  const settings = Office.context.document.settings;
  return {
    get: (name) => settings.get(name),
    set: (name, value) => settings.set(name, value),
    saveAsync: (done) => settings.saveAsync(() => done()),
  };
}

export function officeAutoOpen(
  settings: DocumentSettings = documentSettings(),
  // The autoopen feature came with AddInCommands 1.1; Microsoft asks to detect it.
  hasAutoOpen: () => boolean = () => Office.context.requirements.isSetSupported("AddInCommands", "1.1"),
): AutoOpen {
  let done = false;
  return {
    async tagWorkbook() {
      if (done) return;
      done = true;
      try {
        const current = settings.get(AUTO_SHOW_SETTING);
        if (!hasAutoOpen() || (current !== null && current !== undefined)) return;
        settings.set(AUTO_SHOW_SETTING, true);
        await new Promise<void>((resolve) => settings.saveAsync(() => resolve()));
      } catch {
        // The pane just does not reopen by itself; the ribbon button still opens it.
      }
    },
  };
}
