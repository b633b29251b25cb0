/**
 * A new officer makes a form in the preview, end to end against a real wrangler
 * dev, with clicks and typing only: 新建表单 → paste 沪工总保〔2014〕156号 附件2 as the
 * notice prints it → fix what the draft could not know → confirm its guesses →
 * add a rule → 预览 and see the rule fire on test values → 发布 → 开启填报 for three
 * districts. Then a district's filler fills and submits the new form. The
 * officer's actions are counted and timed (the measure of issue 14).
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, startWorker, type RunningWorker } from "./harness";
import { Actions } from "./author-steps";
import { cellBox, signIn, typeInto } from "./filler-steps";

const NOTICE = readFileSync(new URL("../../docs/notices/shanghai-2014-156.txt", import.meta.url), "utf8");
/** 附件 2 exactly as the notice prints it: from its heading to the end. */
const ATTACHMENT_2 = NOTICE.slice(NOTICE.indexOf("附件 2"));
const ROUND = "sh-2015-ygjy-2014";

let worker: RunningWorker;
let browser: Browser;
let page: Page;
let actions: Actions;
const errors: string[] = [];
let started = 0;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
  page.on("pageerror", (e) => errors.push(e.message));
  actions = new Actions(page);
});

afterAll(async () => {
  await page?.screenshot({ path: "/tmp/author-last.png" }).catch(() => undefined);
  await browser?.close();
  await worker?.stop();
});

async function api(path: string, token: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${worker.base}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("an officer makes Shanghai 附件2 from the notice's text and opens it for three districts", () => {
  it("drafts the definition from the pasted text: sheets drawn, guesses listed amber", async () => {
    await signIn(page, worker.base, "上海市总工会保障工作部");
    started = Date.now();
    await actions.click(page.locator("[data-author-new]"));
    await actions.paste(page.locator("[data-author-text]"), ATTACHMENT_2);
    await actions.click(page.locator('[data-author-draft="text"]'));
    await page.locator("[data-author-edit]").waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('[data-author-entry="guess"]').count()).toBeGreaterThan(5);
    expect(await page.locator('[data-author-entry="issue"]').count()).toBe(0);
    expect(await page.locator("[data-author-counts]").innerText()).toMatch(/处起草时的推测待确认/);
    expect(await page.locator('[data-author-action="publish"]').isDisabled()).toBe(true);
  });

  it("fixes what the draft could not know and confirms the rest of its guesses", async () => {
    await actions.tab("表单");
    await actions.type("B2", "sh-2015-ygjy");
    await actions.type("B5", "上海市总工会");
    await actions.type("B6", "沪工总保〔2014〕156号");
    await actions.type("B9", "2014-09-01");
    // A clicked line selects its cell; the officer has looked at each guess and keeps it.
    while ((await page.locator("[data-author-confirm]").count()) > 0) {
      await actions.click(page.locator("[data-author-confirm]").first());
    }
    await expect.poll(() => page.locator("[data-author-counts]").innerText()).toContain("检查通过");
  });

  it("adds a rule: a wrong key is marked on its cell at once, the fixed one clears", async () => {
    await actions.tab("规则");
    await actions.type("A2", "fresh-unsigned");
    await actions.type("C2", "item10 <= item1_l");
    await actions.type("D2", "错误");
    await actions.type("E2", "第 10 项尚未签约的应届毕业生 {left} 人，不能多于第 1 项（1）应届毕业生 {right} 人");
    const issue = page.locator('[data-author-entry="issue"]');
    await expect.poll(() => issue.innerText()).toMatch(/^「规则」第 2 行「公式」第 11 个字符：未知字段 item1_l/);
    expect(await cellBox(page, "C2").getAttribute("class")).toContain("xl-error");
    await actions.type("C2", "item10 <= item1_1");
    await expect.poll(() => issue.count()).toBe(0);
    await expect.poll(() => page.locator("[data-author-counts]").innerText()).toContain("检查通过");
  });

  it("previews the form as a clerk gets it: the new rule fires on test values", async () => {
    await actions.click(page.locator('[data-author-action="preview"]'));
    await expect.poll(() => page.locator("[data-author-status]").innerText()).toContain("已在“预览”工作表中生成");
    await actions.type("item1_1", "1");
    await actions.type("item10", "3");
    await expect.poll(() => cellBox(page, "item10").getAttribute("class")).toContain("xl-error");
    await expect.poll(() => page.locator("[data-author-preview]").innerText()).toMatch(/错误 [1-9]/);
  });

  it("publishes version 1 and opens a round for three districts", async () => {
    await actions.click(page.locator('[data-author-action="publish"]'));
    await expect.poll(() => page.locator("[data-author-status]").innerText()).toContain("已发布");
    const published = await api("/templates/sh-2015-ygjy/1", "hb_demo_admin");
    expect(published.status).toBe(200);
    expect(published.body.definition).toMatchObject({
      id: "sh-2015-ygjy",
      issuer: "上海市总工会",
      dueDate: "2014-09-01",
    });

    for (const unit of ["sh-huangpu", "sh-xuhui", "sh-changning"]) {
      await actions.click(page.locator(`[data-round-unit="${unit}"]`));
    }
    await actions.click(page.locator('[data-author-action="open-round"]'));
    await expect.poll(() => page.locator("[data-author-status]").innerText()).toContain("已开启填报");
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`[author] 从粘贴通知文字到开启填报：${actions.summary()}；脚本用时 ${seconds} 秒`);

    const reports = await api(`/rounds/${ROUND}/reports`, "hb_demo_reviewer_sh");
    expect((reports.body.reports as { unit: string }[]).map((r) => r.unit).sort()).toEqual([
      "sh-changning",
      "sh-huangpu",
      "sh-xuhui",
    ]);
    await actions.click(page.getByRole("button", { name: "返回" }));
    await expect.poll(() => page.locator(`.hb-round[data-round="${ROUND}"]`).count()).toBe(1);
    // The definition stays in the workbook's sheets: the list offers to go on with it.
    await expect.poll(() => page.locator("[data-author-resume]").count()).toBe(1);
    await page.locator("[data-author-resume]").click();
    await page.locator('[data-author-action="publish"]').waitFor();
    await expect.poll(() => page.locator("[data-author-status]").innerText()).not.toContain("错误");
    await page.getByRole("button", { name: "返回" }).click();
    await page.locator(`.hb-round[data-round="${ROUND}"]`).waitFor();
  });

  it("a district's filler fills the new form and submits it", async () => {
    await page.click("#hb-sign-out");
    await signIn(page, worker.base, "黄浦区总工会");
    await page.locator(`button[data-round="${ROUND}"]`).click();
    await page.locator("#hb-form-title").waitFor();
    const values: Record<string, string> = {
      "header.reporter": "张三",
      "header.phone": "021-63211939",
      item1: "10",
      item1_1: "6",
      item1_2: "4",
      item1_3: "7",
      item1_4: "3",
      item2: "12",
      item3: "20",
      item3b: "8",
      item4_1: "2",
      item5: "15",
      item6_1: "9",
      item7: "11",
      item8: "6",
      item9_1: "4",
      item10: "2",
      item11: "1",
    };
    for (const [key, value] of Object.entries(values)) await typeInto(page, key, value);
    await expect.poll(() => page.locator("#hb-submit").isDisabled()).toBe(false);
    await page.locator("#hb-submit").click();
    await expect
      .poll(async () => (await api(`/rounds/${ROUND}/reports/sh-huangpu`, "hb_demo_filler_huangpu")).body.status)
      .toBe("submitted");
    expect(errors).toEqual([]);
  });

  it("the officer sees the new form consolidated, and its 历年趋势 with this first round", async () => {
    await page.click("#hb-sign-out");
    await signIn(page, worker.base, "上海市总工会保障工作部");
    await page.locator(`button[data-round="${ROUND}"]`).click();
    await page.locator("#hb-trend-show").waitFor({ timeout: 15_000 });
    await page.locator("#hb-trend-show").click();
    const row = page.locator(`[data-trend-round="${ROUND}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toMatch(/2014[\s\S]*10[\s\S]*1\/3 单位/);
    expect(errors).toEqual([]);
  });

  it("next year's form starts as a copy of this one: version 2, every sheet as published", async () => {
    await page.locator("#hb-back").click();
    await page.locator("[data-author-new]").click();
    await page
      .locator("[data-author-copy-pick]")
      .selectOption({ label: "2014 年上海工会阳光就业行动情况统计表（第 1 版）" });
    await page.locator('[data-author-draft="copy"]').click();
    await page.locator("[data-author-edit]").waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator("[data-author-counts]").innerText()).toContain("检查通过");
    await page.getByRole("tab", { name: "表单", exact: true }).click();
    expect(await page.locator('input.xl-input[data-key="B2"]').inputValue()).toBe("sh-2015-ygjy");
    expect(await page.locator('input.xl-input[data-key="B3"]').inputValue()).toBe("2");
    await page.getByRole("tab", { name: "规则", exact: true }).click();
    expect(await page.locator('input.xl-input[data-key="C2"]').inputValue()).toBe("item10 <= item1_1");
    expect(errors).toEqual([]);
  });
});
