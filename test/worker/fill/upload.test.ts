import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { escapeHtml, refusedPage } from "../../../worker/fill/page";
import { editXlsx } from "../forms/xlsx-edit";
import { seed, seedRounds, storedValues, TOKENS } from "../helpers";

/** What /fill.html's plain form posts when its script does not run. */
function post(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file.bytes], file.name));
  return exports.default.fetch("http://huibiao.test/fill/upload", { method: "POST", body: form });
}

const NOT_XLSX = { name: "名册.xlsx", bytes: new TextEncoder().encode("学生姓名,身份证号\n") };

beforeAll(async () => {
  await seed();
  await seedRounds([{ id: "fill1", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]);
});

async function blankForm(): Promise<Uint8Array> {
  const res = await exports.default.fetch("http://huibiao.test/api/v1/rounds/fill1/reports/hs-tunxi/form.xlsx", {
    headers: { Authorization: `Bearer ${TOKENS.filler}` },
  });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

describe("POST /fill/upload (the no-script upload of /fill.html)", () => {
  it("answers a page, not JSON, that forbids script and framing", async () => {
    const res = await post({ token: "" }, NOT_XLSX);
    expect(res.status).toBe(401);
    expect(res.headers.get("Content-Type")).toContain("text/html");
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("请填写访问令牌");
    expect(html).not.toContain("<script");
  });

  it("a wrong token is refused by the API's own auth, in the page's words", async () => {
    const res = await post({ token: "hb_nobody", round: "r1", unit: "hs-tunxi" }, NOT_XLSX);
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("访问令牌无效");
  });

  it("a file that names no report and no round/unit in the form: not a form, nothing asked of the API", async () => {
    const res = await post({ token: TOKENS.filler }, NOT_XLSX);
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("没有汇表的表单标识");
    expect(html).toContain("请上传从 fill.html 或汇表插件下载的填报表");
  });

  it("without a file it says to choose one", async () => {
    const res = await post({ token: TOKENS.filler });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("请选择填好的文件");
  });
});

describe("a filled form posted without script", () => {
  it("goes to the report its 汇表标识 names and answers the problems by address", async () => {
    // 共筹集资金 12.5, 其中：市级筹集 20: the rule 其中项不能大于合计 fails.
    const filled = await editXlsx(await blankForm(), "xl/worksheets/sheet1.xml", { C7: 12.5, C8: 20 });
    const res = await post({ token: TOKENS.filler, round: "", unit: "" }, { name: "屯溪区.xlsx", bytes: filled });
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(html).toContain("金秋助学情况统计表（测试）");
    expect(html).toMatch(
      /<ul class="fill-problems" id="fill-errors"><li class="fill-problem fill-error">C\d+ [^<]*其中项不能大于合计/,
    );
    expect(await storedValues("fill1", "hs-tunxi")).toMatchObject({ total: "12.5", part: "20" });
  });

  it("another unit's token is refused by the import, and nothing is stored", async () => {
    const before = await storedValues("fill1", "hs-huizhou");
    const filled = await editXlsx(await blankForm(), "xl/worksheets/sheet1.xml", { C7: 99 });
    const res = await post({ token: TOKENS.fillerHuizhou }, { name: "屯溪区.xlsx", bytes: filled });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("上传没有完成");
    expect(await storedValues("fill1", "hs-huizhou")).toEqual(before);
  });
});

describe("the answer page", () => {
  it("escapes what the server or the file said", () => {
    expect(escapeHtml(`<img src=x onerror="1">&'`)).toBe("&lt;img src=x onerror=&quot;1&quot;&gt;&amp;&#39;");
    const html = refusedPage({
      code: "conflict",
      status: 409,
      message: "<b>冲突</b>",
      details: [{ address: "C10", key: "raised", where: "第 1 项", mine: "<i>1</i>", theirs: null }],
    });
    expect(html).not.toContain("<b>");
    expect(html).toContain("C10 第 1 项：您的文件中为「&lt;i&gt;1&lt;/i&gt;」，他人已在服务器上改为（空）");
    expect(html).toContain("请重新下载填报表");
  });
});
