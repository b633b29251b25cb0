import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { maskValue } from "../../../schemas/pii/mask";
import { api, patch, TOKENS } from "../helpers";
import { unzip } from "../exports/unzip";
import { cardNumber, idNumber, rosterRows, seedPii } from "./pii-helpers";

/** Issue 12, masking by default: every path that hands out cell values, for everyone but the owning filler. */
const R = "pii-mask";
const INCLUDE = "draft,submitted,returned,approved,rows";
const ID = idNumber(1);
const CARD = cardNumber(1);
const ID_MASK = maskValue("idcard", ID);
const CARD_MASK = maskValue("bankcard", CARD);

beforeAll(async () => {
  await seedPii([R]);
  const res = await patch(TOKENS.filler, R, "hs-tunxi", 0, rosterRows(1, 2));
  expect(res.status).toBe(200);
});

async function download(token: string, path: string): Promise<string> {
  const res = await exports.default.fetch(`http://huibiao.test/api/v1${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  if (path.includes(".csv")) return res.text();
  return [...(await unzip(new Uint8Array(await res.arrayBuffer()))).values()].join("\n");
}

function expectMasked(text: string): void {
  expect(text).not.toContain(ID);
  expect(text).not.toContain(CARD);
  expect(text).toContain(ID_MASK);
}

describe("masking by default", () => {
  it("the owning unit's filler sees its own values in full; reviewers and admin see masks", async () => {
    const own = await api(TOKENS.filler, "GET", `/rounds/${R}/reports/hs-tunxi`);
    expect(own.body.values["roster.r1.idcard"]).toBe(ID);
    expect(own.body.values["roster.r1.card"]).toBe(CARD);
    for (const token of [TOKENS.reviewer, TOKENS.cityReviewer, TOKENS.admin]) {
      const res = await api(token, "GET", `/rounds/${R}/reports/hs-tunxi`);
      expect(res.status).toBe(200);
      expect(res.body.values["roster.r1.idcard"]).toBe(ID_MASK);
      expect(res.body.values["roster.r1.card"]).toBe(CARD_MASK);
      expect(res.body.values["roster.r1.name"]).toBe("学生1");
    }
  });

  it("a PATCH answer is masked for anyone but the owning filler (the isolate's plain cache does not leak)", async () => {
    const v = (await api(TOKENS.admin, "GET", `/rounds/${R}/reports/hs-tunxi`)).body.version as number;
    const res = await patch(TOKENS.admin, R, "hs-tunxi", v, [{ cell: "roster.r2.amount", value: "900" }]);
    expect(res.status).toBe(200);
    expect(res.body.values["roster.r1.idcard"]).toBe(ID_MASK);
    // The filler's next save from that version takes the fast path: in full for it.
    const mine = await patch(TOKENS.filler, R, "hs-tunxi", res.body.version, [
      { cell: "roster.r2.amount", value: "800" },
    ]);
    expect(mine.body.values["roster.r1.idcard"]).toBe(ID);
    const again = await patch(TOKENS.admin, R, "hs-tunxi", mine.body.version, [
      { cell: "roster.r2.amount", value: "700" },
    ]);
    expect(again.body.values["roster.r1.idcard"]).toBe(ID_MASK);
  });

  it("a 409 edit_conflict shows masks to anyone but the owning filler", async () => {
    const v = (await api(TOKENS.admin, "GET", `/rounds/${R}/reports/hs-tunxi`)).body.version as number;
    const first = await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "roster.r1.idcard", value: idNumber(41) }]);
    expect(first.status).toBe(200);
    const clash = [{ cell: "roster.r1.idcard", value: idNumber(42) }];
    const admin = await patch(TOKENS.admin, R, "hs-tunxi", v, clash);
    expect(admin.status).toBe(409);
    expect(admin.body.error.details.conflicts[0]).toEqual({
      cell: "roster.r1.idcard",
      base: ID_MASK,
      theirs: maskValue("idcard", idNumber(41)),
      mine: maskValue("idcard", idNumber(42)),
    });
    const filler = await patch(TOKENS.filler, R, "hs-tunxi", v, clash);
    expect(filler.body.error.details.conflicts[0].theirs).toBe(idNumber(41));
    const back = await patch(TOKENS.filler, R, "hs-tunxi", first.body.version, [
      { cell: "roster.r1.idcard", value: ID },
    ]);
    expect(back.status).toBe(200);
  });

  it("history shows masks to everyone, the filler included", async () => {
    for (const token of [TOKENS.filler, TOKENS.admin]) {
      const res = await api(token, "GET", `/rounds/${R}/reports/hs-tunxi/history`);
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      expectMasked(text);
      expect(text).toContain(CARD_MASK);
    }
  });

  it("the change feed carries cell names, never values", async () => {
    const res = await api(TOKENS.admin, "GET", `/changes?since=0&round=${R}`);
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(ID_MASK);
    expect(JSON.stringify(res.body)).not.toContain(ID);
  });

  it("consolidation include=rows and its CSV/XLSX exports are masked", async () => {
    const res = await api(TOKENS.cityReviewer, "GET", `/rounds/${R}/consolidated?include=${INCLUDE}`);
    expect(res.status).toBe(200);
    expectMasked(JSON.stringify(res.body));
    for (const f of ["csv", "xlsx"]) {
      expectMasked(await download(TOKENS.cityReviewer, `/rounds/${R}/consolidated/export.${f}?include=${INCLUDE}`));
    }
  });

  it("a report's CSV/XLSX export is masked for a reviewer and in full for the owning filler", async () => {
    for (const f of ["csv", "xlsx"]) {
      expectMasked(await download(TOKENS.reviewer, `/rounds/${R}/reports/hs-tunxi/export.${f}`));
      expect(await download(TOKENS.filler, `/rounds/${R}/reports/hs-tunxi/export.${f}`)).toContain(ID);
    }
  });
});
