import { describe, expect, it } from "vitest";
import { identityRows, parseIdentity, type FormIdentity } from "../../../../schemas/layout/form/identity";

const IDENTITY: FormIdentity = {
  format: "huibiao-form/1",
  templateId: "hs-2022-activity",
  templateVersion: 1,
  round: "hs-2022-jqzx",
  unit: "hs-tunxi",
  unitName: "屯溪区总工会",
  reportVersion: 3,
  sheet: "金秋助学",
  rosterRows: { roster: 50 },
  layoutDigest: "ab".repeat(32),
};

describe("the identity sheet", () => {
  it("reads back a round by its id: rounds are named (hs-2022-jqzx), not numbered", () => {
    const pairs = new Map(identityRows(IDENTITY).map(([k, v]) => [k, v]));
    expect(parseIdentity(pairs)).toEqual({ ok: true, identity: IDENTITY });
  });
});
