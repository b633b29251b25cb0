import { beforeAll, describe, expect, it } from "vitest";
import { api, seed, storageSnapshot, TOKENS } from "../helpers";

beforeAll(() => seed());

const NEW_ROUND = { id: "jq-dates", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" };

describe("dates in rounds are real dates", () => {
  it("refuses 2022-13-45 and 2023-02-29 with 400 and a zh-CN message, writing nothing", async () => {
    const before = await storageSnapshot();
    for (const dueDate of ["2022-13-45", "2023-02-29", "2022-04-31", "0000-00-00"]) {
      const res = await api(TOKENS.admin, "POST", "/rounds", { ...NEW_ROUND, dueDate });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("invalid_request");
      expect(JSON.stringify(res.body.error)).toContain("不是有效日期");
    }
    expect(await storageSnapshot()).toEqual(before);
    const leap = await api(TOKENS.admin, "POST", "/rounds", { ...NEW_ROUND, dueDate: "2024-02-29" });
    expect([leap.status, leap.body.dueDate]).toEqual([201, "2024-02-29"]);
  });
});

describe("ids are decimal integers only", () => {
  it("DELETE /tokens/0x10 does not revoke token 16 (nor any other spelling of a number)", async () => {
    for (let i = 0; i < 16; i++) {
      const t = await api(TOKENS.admin, "POST", "/tokens", { role: "filler", unit: "hs-huizhou", label: `t${i}` });
      expect(t.status).toBe(201);
    }
    const before = await storageSnapshot();
    for (const id of ["0x10", "1e1", "+16", "016", "%2016", "16%20", "16.0", "0", "-1", "0b10", "Infinity"]) {
      const res = await api(TOKENS.admin, "DELETE", `/tokens/${id}`);
      expect([id, res.status, res.body.error.code]).toEqual([id, 400, "invalid_request"]);
    }
    expect(await storageSnapshot()).toEqual(before);
    expect((await api(TOKENS.admin, "DELETE", "/tokens/16")).status).toBe(200);
  });

  it("template versions and /changes numbers refuse hex, exponents, signs and spaces", async () => {
    expect((await api(TOKENS.filler, "GET", "/templates/test-jqzx/1")).status).toBe(200);
    for (const v of ["0x1", "1e0", "+1", "01", "1.0", "%201"]) {
      expect([v, (await api(TOKENS.filler, "GET", `/templates/test-jqzx/${v}`)).status]).toEqual([v, 400]);
    }
    expect((await api(TOKENS.admin, "GET", "/changes?since=0&limit=10")).status).toBe(200);
    for (const q of ["since=0x1", "since=1e3", "since=+1", "limit=0x10", "limit=1e2", "since=%201", "since="]) {
      expect([q, (await api(TOKENS.admin, "GET", `/changes?${q}`)).status]).toEqual([q, 400]);
    }
  });
});
