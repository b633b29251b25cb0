import { describe, expect, it } from "vitest";
import { DEMO_TOKENS, demoStatements } from "../../../scripts/demo";
import { officialRounds, officialTemplates } from "../../../scripts/official";
import { api, patch, runSql } from "../helpers";
import { cardNumber, findInDatabase, idNumber } from "./pii-helpers";

/**
 * Issue 12: after a demo run with rosters typed in (the official 黄山 roster form),
 * no table of D1 holds a 身份证号 or a 银行卡号 in clear; the demo's pii reviewer may reveal.
 */
describe("the demo database", () => {
  it("holds no ID or card number in clear, and the demo pii reviewer reveals with a purpose", async () => {
    await runSql(await demoStatements({ year: 2026 }));
    const round = officialRounds(officialTemplates(), { year: 2026 }).find((r) => r.templateId === "hs-2022-roster");
    const filler = DEMO_TOKENS.find((t) => t.unit === "hs-tunxi" && t.role === "filler")?.token as string;
    const changes = [];
    for (let n = 1; n <= 30; n++) {
      const row = `roster.r${String(n).padStart(4, "0")}`;
      changes.push({ cell: `${row}.name`, value: `学生${n}` });
      changes.push({ cell: `${row}.idno`, value: idNumber(n) });
      changes.push({ cell: `${row}.bankcard`, value: cardNumber(n) });
      changes.push({ cell: `${row}.amount`, value: "1000" });
    }
    const res = await patch(filler, round!.id, "hs-tunxi", 0, changes);
    expect(res.status).toBe(200);
    const cut = await patch(filler, round!.id, "hs-tunxi", 1, [{ cell: "roster.r0002.idno", value: null }]);
    expect(cut.status).toBe(200);

    const needles = Array.from({ length: 30 }, (_, i) => [idNumber(i + 1), cardNumber(i + 1)]).flat();
    expect(await findInDatabase(needles)).toEqual([]);

    const pii = DEMO_TOKENS.find((t) => t.permissions?.includes("pii"));
    expect(pii?.role).toBe("reviewer");
    const shown = await api(pii!.token, "POST", `/rounds/${round!.id}/reports/hs-tunxi/reveal`, {
      rows: ["roster.r0001"],
      purpose: "核对助学金发放名单",
    });
    expect(shown.status).toBe(200);
    expect(shown.body.values).toEqual({ "roster.r0001.bankcard": cardNumber(1), "roster.r0001.idno": idNumber(1) });
  });
});
