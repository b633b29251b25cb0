import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { maskValue } from "../../../schemas/pii/mask";
import { api, patch, TOKENS } from "../helpers";
import { idNumber, rosterRows, seedPii } from "./pii-helpers";

/** Issue 12, reveal: only with the `pii` permission and a purpose, each reveal logged. */
const R = "pii-reveal";
const ID = idNumber(1);
const PATH = `/rounds/${R}/reports/hs-tunxi/reveal`;
const PURPOSE = "核对发放名单";
let piiReviewer = "";

const revealCount = async () =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM pii_reveals").first<{ n: number }>())!.n;

beforeAll(async () => {
  await seedPii([R]);
  expect((await patch(TOKENS.filler, R, "hs-tunxi", 0, rosterRows(1, 2))).status).toBe(200);
  const res = await api(TOKENS.admin, "POST", "/tokens", {
    role: "reviewer",
    unit: "hs-tunxi",
    label: "屯溪区 资助核对",
    permissions: ["pii"],
  });
  expect(res.status).toBe(201);
  expect(res.body.permissions).toEqual(["pii"]);
  piiReviewer = res.body.token as string;
});

describe("reveal", () => {
  it("without the permission: 403 and nothing logged", async () => {
    for (const token of [TOKENS.reviewer, TOKENS.admin, TOKENS.filler]) {
      const res = await api(token, "POST", PATH, { cells: ["roster.r1.idcard"], purpose: PURPOSE });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(ID);
    }
    const list = await exports.default.fetch(`http://huibiao.test/api/v1/rounds/${R}/consolidated/payment-list.csv`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKENS.cityReviewer}`, "Content-Type": "application/json" },
      body: JSON.stringify({ purpose: PURPOSE, include: "draft" }),
    });
    expect(list.status).toBe(403);
    expect(await revealCount()).toBe(0);
  });

  it("the permission is only for reviewer and admin tokens, and /me shows it", async () => {
    const res = await api(TOKENS.admin, "POST", "/tokens", {
      role: "filler",
      unit: "hs-tunxi",
      label: "x",
      permissions: ["pii"],
    });
    expect(res.status).toBe(400);
    expect((await api(piiReviewer, "GET", "/me")).body.permissions).toEqual(["pii"]);
    expect((await api(TOKENS.reviewer, "GET", "/me")).body.permissions).toEqual([]);
  });

  it("without a purpose, or for a cell that is not sensitive: 400 and nothing logged", async () => {
    expect((await api(piiReviewer, "POST", PATH, { cells: ["roster.r1.idcard"], purpose: "看" })).status).toBe(400);
    expect((await api(piiReviewer, "POST", PATH, { cells: ["roster.r1.name"], purpose: PURPOSE })).status).toBe(400);
    expect((await api(piiReviewer, "POST", PATH, { cells: ["roster.r1.idcard"] })).status).toBe(400);
    expect(await revealCount()).toBe(0);
  });

  it("with it: the value in full and one record, listed for admin only", async () => {
    const res = await api(piiReviewer, "POST", PATH, { cells: ["roster.r1.idcard"], purpose: PURPOSE });
    expect(res.status).toBe(200);
    expect(res.body.values).toEqual({ "roster.r1.idcard": ID });
    expect(await revealCount()).toBe(1);
    const rows = await api(piiReviewer, "POST", PATH, { rows: ["roster.r2"], purpose: PURPOSE });
    expect(Object.keys(rows.body.values).sort()).toEqual(["roster.r2.card", "roster.r2.idcard"]);
    expect(await revealCount()).toBe(2);
    // Reading the report stays masked for it.
    const read = await api(piiReviewer, "GET", `/rounds/${R}/reports/hs-tunxi`);
    expect(read.body.values["roster.r1.idcard"]).toBe(maskValue("idcard", ID));

    expect((await api(TOKENS.reviewer, "GET", "/pii/reveals")).status).toBe(403);
    const log = await api(TOKENS.admin, "GET", "/pii/reveals");
    expect(log.status).toBe(200);
    expect(log.body.reveals[1]).toMatchObject({
      actor: "屯溪区 资助核对",
      role: "reviewer",
      round: R,
      unit: "hs-tunxi",
      what: { cells: ["roster.r1.idcard"] },
      purpose: PURPOSE,
    });
    expect(log.body.reveals[0].what).toEqual({ rows: ["roster.r2"] });
  });

  it("a unit out of its scope is 404 and not logged", async () => {
    const res = await api(piiReviewer, "POST", `/rounds/${R}/reports/hs-huizhou/reveal`, {
      cells: ["roster.r1.idcard"],
      purpose: PURPOSE,
    });
    expect(res.status).toBe(404);
    expect(await revealCount()).toBe(2);
  });

  it("a payment list in full with the permission and a purpose, logged", async () => {
    const res = await exports.default.fetch(`http://huibiao.test/api/v1/rounds/${R}/consolidated/payment-list.csv`, {
      method: "POST",
      headers: { Authorization: `Bearer ${piiReviewer}`, "Content-Type": "application/json" },
      body: JSON.stringify({ purpose: PURPOSE, include: "draft" }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(ID);
    expect(await revealCount()).toBe(3);
  });
});
