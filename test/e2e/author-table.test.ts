/**
 * 新建表单 from a printed table, in the preview against a real wrangler dev:
 * the officer adds a sheet (＋), pastes 附件2's table as copied from the
 * notice's Word attachment (title, 填报单位 line, 序号/项目/数值/单位, 其中
 * lines without a 序号), and clicks 从当前工作表起草; the pane draws the
 * definition sheets with no issue and lists what it guessed.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { Actions } from "./author-steps";
import { signIn } from "./filler-steps";

const TABLE = [
  ["2014年上海工会阳光就业行动情况统计表"],
  ["填报单位：", "", "填报人：", "联系电话："],
  ["序号", "项目", "数值", "单位"],
  ["1", "区县局（产业）共有困难职工家庭高校毕业生", "", "人"],
  ["(1)", "应届毕业生", "", "人"],
  ["", "往届毕业生", "", "人"],
  ["2", "共为困难职工家庭高校毕业生提供实习见习机会", "", "人次"],
  ["3", "向困难职工家庭高校毕业生提供就业技能培训", "", "人次"],
  ["4(1)", "共举办就业招聘会等就业服务系列活动", "", "场"],
  ["(2)", "提供适合高校毕业生的就业岗位", "", "个"],
]
  .map((row) => row.join("\t"))
  .join("\n");

let worker: RunningWorker;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.on("pageerror", (e) => errors.push(e.message));
});

afterAll(async () => {
  await page?.screenshot({ path: "/tmp/author-table-last.png" }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

describe("an officer drafts a form from a table pasted into a sheet", () => {
  it("adds a sheet, pastes the printed table, drafts from it", async () => {
    const actions = new Actions(page);
    await signIn(page, worker.base, "上海市总工会保障工作部");
    await actions.click(page.locator("[data-new-sheet]"));
    const a1 = page.locator('input.xl-input[data-key="A1"]');
    await a1.waitFor();
    await actions.click(a1);
    actions.pastes++;
    await a1.evaluate((input, data) => {
      const transfer = new DataTransfer();
      transfer.setData("text/plain", data);
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, TABLE);
    await expect.poll(() => page.locator('input.xl-input[data-key="B4"]').inputValue()).toContain("高校毕业生");

    await actions.click(page.locator("[data-author-new]"));
    await actions.click(page.locator('[data-author-draft="sheet"]'));
    await page.locator("[data-author-edit]").waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('[data-author-entry="guess"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-author-entry="issue"]').count()).toBe(0);
    const tabs = await page.locator(".xl-tab").allInnerTexts();
    expect(tabs).toEqual(expect.arrayContaining(["Sheet1", "表单", "项目", "规则"]));
    console.log(`[author-table] 从表格起草：${actions.summary()}`);
    expect(errors).toEqual([]);
  });
});
