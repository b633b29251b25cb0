/**
 * The Office.js side of reopening the pane (addin/excel/auto-open.ts): the
 * document setting Office.AutoShowTaskpaneWithDocument = true, saved once per
 * workbook — settings.saveAsync clears the user's undo history
 * (OfficeDev/office-js #3141) — and only where the host has add-in commands
 * (AddInCommands 1.1, Microsoft Learn "Automatically open a task pane with a document").
 */
import { describe, expect, it } from "vitest";
import { AUTO_SHOW_SETTING, officeAutoOpen, type DocumentSettings } from "../../../addin/excel/auto-open";

function fakeSettings(initial: Record<string, unknown> = {}, fails = false) {
  const stored = { ...initial };
  const pending = { ...initial };
  let saves = 0;
  const settings: DocumentSettings = {
    get: (name) => pending[name] ?? null,
    set: (name, value) => void (pending[name] = value),
    saveAsync: (callback) => {
      saves++;
      if (!fails) Object.assign(stored, pending);
      callback();
    },
  };
  return { settings, stored, saves: () => saves };
}

describe("officeAutoOpen", () => {
  it("sets and saves the document setting once, however often a form is drawn", async () => {
    const fake = fakeSettings();
    const autoOpen = officeAutoOpen(fake.settings, () => true);
    await autoOpen.tagWorkbook();
    await autoOpen.tagWorkbook();
    await autoOpen.tagWorkbook();
    expect(fake.stored[AUTO_SHOW_SETTING]).toBe(true);
    expect(fake.saves()).toBe(1);
  });

  it("saves nothing in a workbook already tagged, nor in one where it was turned off", async () => {
    for (const value of [true, false]) {
      const fake = fakeSettings({ [AUTO_SHOW_SETTING]: value });
      await officeAutoOpen(fake.settings, () => true).tagWorkbook();
      expect(fake.saves(), String(value)).toBe(0);
      expect(fake.stored[AUTO_SHOW_SETTING]).toBe(value);
    }
  });

  it("does nothing where the host has no add-in commands", async () => {
    const fake = fakeSettings();
    await officeAutoOpen(fake.settings, () => false).tagWorkbook();
    expect(fake.saves()).toBe(0);
  });

  it("resolves when saving fails or throws", async () => {
    await expect(officeAutoOpen(fakeSettings({}, true).settings, () => true).tagWorkbook()).resolves.toBeUndefined();
    const throwing: DocumentSettings = {
      get: () => null,
      set: () => undefined,
      saveAsync: () => {
        throw new Error("host gone");
      },
    };
    await expect(officeAutoOpen(throwing, () => true).tagWorkbook()).resolves.toBeUndefined();
  });
});
