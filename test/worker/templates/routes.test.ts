import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, FORM, seed, storageSnapshot, TOKENS } from "../helpers";

beforeAll(() => seed());

const V2 = { ...FORM, version: 2, title: "金秋助学情况统计表（第二版）" };

describe("templates", () => {
  it("lists published versions to every role", async () => {
    for (const t of [TOKENS.filler, TOKENS.reviewer, TOKENS.admin]) {
      const res = await api(t, "GET", "/templates");
      expect(res.status).toBe(200);
      expect(res.body.templates).toEqual([
        expect.objectContaining({ id: "test-jqzx", version: 1, title: FORM.title, dueDate: "2099-12-31" }),
      ]);
    }
  });

  it("returns one version with its checked definition, 404 for an unknown one", async () => {
    const res = await api(TOKENS.filler, "GET", "/templates/test-jqzx/1");
    expect(res.status).toBe(200);
    expect(res.body.definition).toMatchObject({ id: "test-jqzx", version: 1, rules: FORM.rules });
    expect((await api(TOKENS.filler, "GET", "/templates/test-jqzx/9")).status).toBe(404);
    expect((await api(TOKENS.filler, "GET", "/templates/Bad_Id/1")).status).toBe(400);
  });

  it("publishes a new version (admin) → 201, then the same content again → 200", async () => {
    const first = await api(TOKENS.admin, "POST", "/templates", V2);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: "test-jqzx", version: 2, title: V2.title });
    const again = await api(TOKENS.admin, "POST", "/templates", V2);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it("never changes a published version: different content → 409, storage unchanged", async () => {
    const before = await storageSnapshot();
    const res = await api(TOKENS.admin, "POST", "/templates", { ...FORM, title: "改过的标题" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("template_version_exists");
    expect(await storageSnapshot()).toEqual(before);
  });

  it("has triggers that refuse UPDATE and DELETE of a published template", async () => {
    await expect(env.DB.prepare("UPDATE templates SET title = 'x'").run()).rejects.toThrow(/immutable/);
    await expect(env.DB.prepare("DELETE FROM templates").run()).rejects.toThrow(/immutable/);
  });

  it("refuses an invalid template with 422 and the checker's errors", async () => {
    const before = await storageSnapshot();
    const res = await api(TOKENS.admin, "POST", "/templates", { ...FORM, version: 3, sections: [] });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_template");
    expect(res.body.error.details.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "sections" })]),
    );
    expect(await storageSnapshot()).toEqual(before);
  });

  it("refuses a hint Excel's input prompt cannot hold: 422 naming the item and the text", async () => {
    const before = await storageSnapshot();
    const hint = "请按财务口径填写本年度实际筹集的资金总额，含上级拨付和本级自筹；".repeat(8);
    const [funds, ...rest] = FORM.sections as [{ items: object[] }, ...object[]];
    const items = funds.items.map((item, i) => (i === 0 ? { ...item, hint } : item));
    const res = await api(TOKENS.admin, "POST", "/templates", {
      ...FORM,
      version: 4,
      sections: [{ ...funds, items }, ...rest],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("invalid_template");
    expect(res.body.error.details.errors).toEqual([
      { path: "sections[0].items[0].hint", message: expect.stringContaining("第 1 项「共筹集资金」的提示文字有") },
    ]);
    expect(res.body.error.details.errors[0].message).toContain("Excel 的输入提示放不下");
    expect(await storageSnapshot()).toEqual(before);
  });

  it("lets only admins publish; malformed JSON is a 400", async () => {
    for (const t of [TOKENS.filler, TOKENS.reviewer, TOKENS.cityReviewer]) {
      expect((await api(t, "POST", "/templates", { ...FORM, version: 5 })).status).toBe(403);
    }
    const res = await api(TOKENS.admin, "POST", "/templates", "{not json");
    expect([res.status, res.body.error.code]).toEqual([400, "malformed_json"]);
  });
});
