import { beforeAll, describe, expect, it } from "vitest";
import { api, seed, TOKENS } from "../helpers";

beforeAll(() => seed());

describe("GET /me", () => {
  it("describes the caller", async () => {
    const res = await api(TOKENS.filler, "GET", "/me");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      role: "filler",
      label: "屯溪区 张三",
      unit: { code: "hs-tunxi", name: "屯溪区总工会", parent: "hs", path: "/hs/hs-tunxi/" },
    });
  });
});

describe("GET /units", () => {
  const codes = (roots: { code: string; children: unknown[] }[]): string[] =>
    roots.flatMap((r) => [r.code, ...codes(r.children as typeof roots)]);

  it("gives an admin every tree", async () => {
    const res = await api(TOKENS.admin, "GET", "/units");
    expect(res.status).toBe(200);
    expect(res.body.roots.map((r: { code: string }) => r.code)).toEqual(["hs", "sh"]);
    expect(codes(res.body.roots).sort()).toEqual([
      "hs",
      "hs-huizhou",
      "hs-tunxi",
      "hs-tunxi-a",
      "hs-tunxi-b",
      "sh",
      "sh-pd",
    ]);
  });

  it("gives a reviewer its subtree, nested", async () => {
    const res = await api(TOKENS.reviewer, "GET", "/units");
    expect(res.body).toEqual({
      roots: [
        {
          code: "hs-tunxi",
          name: "屯溪区总工会",
          children: [
            { code: "hs-tunxi-a", name: "屯溪区昱东街道工会", children: [] },
            { code: "hs-tunxi-b", name: "屯溪区老街街道工会", children: [] },
          ],
        },
      ],
    });
  });

  it("gives a filler its own unit only", async () => {
    const res = await api(TOKENS.filler, "GET", "/units");
    expect(res.body).toEqual({ roots: [{ code: "hs-tunxi", name: "屯溪区总工会", children: [] }] });
  });
});
