import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAll, type IntegrityPage } from "../../scripts/integrity";
import { api, patch, readVersion, seed, TOKENS } from "../worker/helpers";

const R = "v-cmd";

beforeAll(() => seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]));

const viaApi = async (query: string) => (await api<IntegrityPage>(TOKENS.admin, "GET", `/integrity?${query}`)).body;

describe("npm run verify", () => {
  it("follows the pages and names the first broken report", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    expect((await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "total", value: "12" }])).status).toBe(200);
    expect(await verifyAll(viaApi)).toMatchObject({ ok: true, message: expect.stringMatching(/^完整性校验通过/) });

    await env.DB.prepare(
      "UPDATE report_cells SET value = '99' WHERE cell = 'total' AND report_id = (SELECT id FROM reports WHERE round_id = ? AND unit = 'hs-tunxi')",
    )
      .bind(R)
      .run();
    expect((await verifyAll(viaApi, R)).message).toBe(
      `完整性校验失败：轮次 ${R} 单位 hs-tunxi 第 ${v + 1} 版：report_cells 的 total 与审计记录不符`,
    );
  });

  it("asks for the next page until there is none", async () => {
    const asked: string[] = [];
    const pages: IntegrityPage[] = [
      { ok: true, checked: 100, next: 100 },
      { ok: true, checked: 100, next: 250 },
      { ok: true, checked: 7 },
    ];
    const result = await verifyAll(async (q) => {
      asked.push(q);
      return pages[asked.length - 1] as IntegrityPage;
    }, "r1");
    expect(asked).toEqual(["after=0&round=r1", "after=100&round=r1", "after=250&round=r1"]);
    expect(result).toEqual({ ok: true, checked: 207, message: "完整性校验通过：共核对 207 份报表" });
  });
});
