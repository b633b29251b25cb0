import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, patch, readVersion, storedValues, TOKENS } from "../helpers";
import { cardNumber, findInDatabase, idNumber, rosterRows, seedPii } from "./pii-helpers";

/** Issue 12, encryption at rest: no 身份证号 or 银行卡号 in clear anywhere in D1. */
const R = "pii-rest";
beforeAll(() => seedPii([R]));

describe("encryption at rest", () => {
  it("stores sensitive cells, their audit and the feed without a number in clear", async () => {
    let v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    let res = await patch(TOKENS.filler, R, "hs-tunxi", v, rosterRows(1, 5));
    expect(res.status).toBe(200);
    v = res.body.version;
    // A change and a second writer from an older base (the merge path) go through too.
    res = await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "roster.r2.idcard", value: idNumber(22) }]);
    expect(res.status).toBe(200);
    res = await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "roster.r3.card", value: cardNumber(33) }]);
    expect(res.status).toBe(200);
    res = await patch(TOKENS.fillerA, R, "hs-tunxi-a", 0, rosterRows(6, 2));
    expect(res.status).toBe(200);

    const numbers = [1, 2, 3, 4, 5, 6, 7, 22].map(idNumber);
    const cards = [1, 2, 3, 4, 5, 6, 7, 33].map(cardNumber);
    expect(await findInDatabase([...numbers, ...cards, ...cards.map((c) => c.slice(-8))])).toEqual([]);
    const stored = await storedValues(R, "hs-tunxi");
    expect(stored["roster.r1.idcard"]).toMatch(/^pii1:[0-9a-f]{32}:[A-Za-z0-9+/=]+$/);
    expect(stored["roster.r1.name"]).toBe("学生1"); // not sensitive: plain, summable, searchable

    // The owning unit's filler reads them back in full.
    const mine = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/hs-tunxi`);
    expect(mine.body.values["roster.r2.idcard"]).toBe(idNumber(22));
    expect(mine.body.values["roster.r3.card"]).toBe(cardNumber(33));
    expect(mine.body.values["roster.r1.idcard"]).toBe(idNumber(1));
  });

  it("a ciphertext moved to another cell does not open", async () => {
    const id = (await env.DB.prepare("SELECT id FROM reports WHERE round_id = ? AND unit = 'hs-tunxi'").bind(R).first<{
      id: number;
    }>())!.id;
    const stored = await storedValues(R, "hs-tunxi");
    await env.DB.prepare("UPDATE report_cells SET value = ? WHERE report_id = ? AND cell = 'roster.r4.idcard'")
      .bind(stored["roster.r1.idcard"], id)
      .run();
    const res = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/hs-tunxi`);
    expect(res.status).toBe(500);
    expect(res.body.error).toMatchObject({ code: "data_integrity", details: { cell: "roster.r4.idcard" } });
    expect(res.body.error.message).toMatch(/无法解开/);
    expect(JSON.stringify(res.body)).not.toContain(idNumber(1));
  });
});
