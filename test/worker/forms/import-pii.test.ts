import { beforeAll, describe, expect, it } from "vitest";
import { maskValue } from "../../../schemas/pii/mask";
import { api, checked, patch, seed, storageSnapshot } from "../helpers";
import { TOKENS } from "../helpers";
import { cardNumber, DUP_FORM, idNumber, seedDupRounds } from "../pii/pii-fixtures";
import { formBook } from "./form-book";
import { upload } from "./import-helpers";

const TEMPLATE = checked(DUP_FORM);
const ROUND = "dup-import";
const UNIT = "hs-tunxi";
const ID = idNumber("341002", "20100304", "021");
const CARD = cardNumber("622202100000000001");

beforeAll(async () => {
  await seed();
  await seedDupRounds([{ id: ROUND, period: "2022年" }]);
});

describe("sensitive values in an uploaded form", () => {
  it("never stores the mask a reviewer's download carries over the real value", async () => {
    const saved = await patch(TOKENS.filler, ROUND, UNIT, 0, [
      { cell: "roster.r0001.name", value: "张三" },
      { cell: "roster.r0001.idno", value: ID },
      { cell: "roster.r0001.card", value: CARD },
    ]);
    expect(saved.status).toBe(200);
    // Drawn for the admin: masks in place of the numbers; the clerk corrects only the name.
    const { book } = await formBook(TEMPLATE, {
      round: ROUND,
      unit: UNIT,
      unitName: "屯溪区总工会",
      reportVersion: 1,
      values: {
        "roster.r0001.name": "张三丰",
        "roster.r0001.idno": maskValue("idcard", ID),
        "roster.r0001.card": maskValue("bankcard", CARD),
      },
    });
    const res = await upload(TOKENS.admin, ROUND, UNIT, book);
    expect(res).toMatchObject({ status: 200, body: { report: { version: 2 }, changed: 1 } });
    const report = await api(TOKENS.filler, "GET", `/rounds/${ROUND}/reports/${UNIT}`);
    expect(report.body.values).toEqual({
      "roster.r0001.name": "张三丰",
      "roster.r0001.idno": ID,
      "roster.r0001.card": CARD,
    });
  });

  it("refuses a mask where the file was drawn with another value (a row moved), storing nothing", async () => {
    const { book } = await formBook(TEMPLATE, {
      round: ROUND,
      unit: UNIT,
      unitName: "屯溪区总工会",
      reportVersion: 2,
      values: {
        "roster.r0001.name": "张三丰",
        "roster.r0001.idno": maskValue("idcard", ID),
        "roster.r0001.card": maskValue("bankcard", CARD),
        "roster.r0002.name": "李四",
        "roster.r0002.idno": maskValue("idcard", ID),
      },
    });
    const before = await storageSnapshot();
    const res = await upload(TOKENS.admin, ROUND, UNIT, book);
    expect(res).toMatchObject({ status: 422, error: { code: "invalid_values" } });
    expect((res.error?.details as { key: string }[]).map((d) => d.key)).toEqual(["roster.r0002.idno"]);
    expect(await storageSnapshot()).toEqual(before);
  });
});
