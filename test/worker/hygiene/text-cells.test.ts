import { beforeAll, describe, expect, it } from "vitest";
import { api, patch, readVersion, seed, storageSnapshot, TOKENS } from "../helpers";

const R = "text";
const U = "hs-tunxi";

beforeAll(() => seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]));

describe("text cells refuse characters that are not plain text", () => {
  it("answers 422 invalid_cells naming each cell and the character, storing nothing", async () => {
    const before = await storageSnapshot();
    const base = await readVersion(TOKENS.filler, R, U);
    const res = await patch(TOKENS.filler, R, U, base, [
      { cell: "roster.r1.name", value: "张\u0000三" },
      { cell: "roster.r2.name", value: "\u202Efdp.exe" },
      { cell: "roster.r3.name", value: "李\uD800四" },
      { cell: "roster.r4.name", value: "王\u001B五" },
      { cell: "people", value: "2\u2066" },
    ]);
    expect([res.status, res.body.error.code]).toEqual([422, "invalid_cells"]);
    const cells = res.body.error.details.cells as { cell: string; message: string }[];
    expect(cells.map((c) => c.cell)).toEqual([
      "roster.r1.name",
      "roster.r2.name",
      "roster.r3.name",
      "roster.r4.name",
      "people",
    ]);
    expect(cells[0]!.message).toBe("名册「姓名」含有不允许的字符 U+0000（空字符）（第 2 个字符），请删除后重新填写");
    expect(cells[1]!.message).toContain("U+202E（文字方向控制符）");
    expect(cells[2]!.message).toContain("U+D800（不成对的代理项）");
    expect(cells[3]!.message).toContain("U+001B（控制字符）");
    expect(cells[4]!.message).toContain("U+2066（文字方向控制符）");
    expect(await storageSnapshot()).toEqual(before);
  });

  it("keeps line breaks, tabs and characters outside the BMP", async () => {
    const base = await readVersion(TOKENS.filler, R, U);
    const res = await patch(TOKENS.filler, R, U, base, [{ cell: "roster.r1.name", value: "张𠀀\n（曾用名\t张三）" }]);
    expect(res.status).toBe(200);
    expect(res.body.values["roster.r1.name"]).toBe("张𠀀\n（曾用名\t张三）");
  });
});

describe("other free text refuses the same characters", () => {
  it("token labels and return reasons: 400 with a zh-CN message, nothing stored", async () => {
    const before = await storageSnapshot();
    const label = await api(TOKENS.admin, "POST", "/tokens", { role: "filler", unit: U, label: "张三\u202E" });
    expect([label.status, label.body.error.code]).toEqual([400, "invalid_request"]);
    expect(JSON.stringify(label.body.error)).toContain("令牌名称含有不允许的字符 U+202E");
    const reason = await api(
      TOKENS.reviewer,
      "POST",
      `/rounds/${R}/reports/${U}/return`,
      { reason: "请核实\u0000" },
      {
        "If-Match": '"1"',
      },
    );
    expect([reason.status, reason.body.error.code]).toEqual([400, "invalid_request"]);
    expect(JSON.stringify(reason.body.error)).toContain("退回原因含有不允许的字符 U+0000");
    expect(await storageSnapshot()).toEqual(before);
  });
});
