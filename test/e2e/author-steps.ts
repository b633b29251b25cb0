/**
 * What an officer does while making a form in the preview, counted: every click,
 * every cell typed, every text pasted. The author browser test reports the
 * counts as the measure of issue 14 (an officer's first form within 15 minutes
 * of human work).
 */
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

export class Actions {
  clicks = 0;
  cellsTyped = 0;
  pastes = 0;
  keys = 0;

  constructor(private readonly page: Page) {}

  async click(target: Locator): Promise<void> {
    this.clicks++;
    await target.click();
  }

  /** Pastes a whole text into a text box (one action for a person: Ctrl+V). */
  async paste(target: Locator, text: string): Promise<void> {
    this.pastes++;
    await target.fill(text);
  }

  /** Clicks a sheet tab of the preview's workbook. */
  async tab(name: string): Promise<void> {
    await this.click(this.page.getByRole("tab", { name, exact: true }));
  }

  /** Clicks a cell, types the value, presses Enter: no stop alert may appear. */
  async type(key: string, value: string): Promise<void> {
    const input = this.page.locator(`input.xl-input[data-key="${key}"]`);
    this.clicks++;
    await input.click();
    await this.page.keyboard.press("Control+A");
    await this.page.keyboard.type(value);
    await this.page.keyboard.press("Enter");
    this.cellsTyped++;
    this.keys += [...value].length + 1;
    await expect.poll(() => this.page.locator(".xl-modal").isHidden()).toBe(true);
  }

  summary(): string {
    return `点击 ${this.clicks} 次，录入 ${this.cellsTyped} 个单元格（${this.keys} 次按键），粘贴 ${this.pastes} 次`;
  }
}
