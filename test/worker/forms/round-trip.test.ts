import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { OFFICIAL_TEMPLATES } from "../../../schemas/forms";
import { seedStatements } from "../../../scripts/seed";
import { XLSX_TYPE } from "../../../worker/xlsx/write";
import { cardNumber, idNumber, PII_FORM } from "../pii/pii-helpers";
import { editXlsx } from "./xlsx-edit";
import { api, checked, patch, runSql, seed, seedRounds, storageSnapshot, storedValues, TOKENS, TREE } from "../helpers";

const UNIT = "hs-tunxi";

async function download(token: string, round: string, unit = UNIT): Promise<Uint8Array> {
  const res = await exports.default.fetch(`http://huibiao.test/api/v1/rounds/${round}/reports/${unit}/form.xlsx`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

async function upload(token: string, round: string, bytes: Uint8Array, unit = UNIT) {
  const res = await exports.default.fetch(`http://huibiao.test/api/v1/rounds/${round}/reports/${unit}/import`, {
    method: "POST",
    body: bytes,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": XLSX_TYPE },
  });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  await seed();
  await seedRounds([{ id: "rt1", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]);
  const official = await seedStatements({
    units: TREE,
    templates: OFFICIAL_TEMPLATES.map((t) => checked(t)),
    rounds: OFFICIAL_TEMPLATES.map((t, i) => ({
      id: `o${i}`,
      templateId: t.id,
      templateVersion: t.version,
      rootUnit: "hs",
    })),
    tokens: [],
  });
  const pii = await seedStatements({
    units: TREE,
    templates: [checked(PII_FORM)],
    rounds: [{ id: "rt-pii", templateId: "test-pii", templateVersion: 1, rootUnit: "hs" }],
    tokens: [],
  });
  await runSql(pii.filter((s) => /^INSERT INTO (templates|rounds|reports)\b/.test(s)));
  await runSql(official.filter((s) => /^INSERT INTO (templates|rounds|reports)\b/.test(s)));
});

describe("download → upload unchanged", () => {
  it("changes nothing for a form with values", async () => {
    const saved = await patch(TOKENS.filler, "rt1", UNIT, 0, [
      { cell: "total", value: "12.5" },
      { cell: "part", value: "3" },
      { cell: "people", value: 20 },
      { cell: "roster.r0001.name", value: "张三" },
      { cell: "roster.r0001.amount", value: "1500.50" },
    ]);
    expect(saved.status).toBe(200);
    const bytes = await download(TOKENS.filler, "rt1");
    const before = await storageSnapshot();
    const res = await upload(TOKENS.filler, "rt1", bytes);
    expect(res.body).toMatchObject({ report: { version: 1 }, changed: 0 });
    expect(await storageSnapshot()).toEqual(before);
    expect(await storedValues("rt1", UNIT)).toMatchObject({ total: "12.5" });
  });

  it.each(OFFICIAL_TEMPLATES.map((t, i) => [t.id, `o${i}`]))(
    "changes nothing for the blank official form %s",
    async (_id, round) => {
      const bytes = await download(TOKENS.filler, round!);
      const res = await upload(TOKENS.filler, round!, bytes);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.changed).toBe(0);
    },
  );
});

const FORM_SHEET = "xl/worksheets/sheet1.xml";

describe("download → fill → upload", () => {
  it("merges a pane edit made meanwhile and answers 409 by address for a true conflict", async () => {
    await seedRounds([{ id: "rt2", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]);
    const blank = await download(TOKENS.filler, "rt2");
    expect((await patch(TOKENS.filler, "rt2", UNIT, 0, [{ cell: "people", value: 5 }])).status).toBe(200);
    const filled = await editXlsx(blank, FORM_SHEET, { C7: "１２．５", B13: "张三", C13: 800 });
    const res = await upload(TOKENS.filler, "rt2", filled);
    expect(res.body).toMatchObject({ report: { version: 2 }, changed: 3, merged: 1 });
    expect(await storedValues("rt2", UNIT)).toEqual({
      people: "5",
      total: "12.5",
      "roster.r0001.name": "张三",
      "roster.r0001.amount": "800",
    });
    // The same blank form, now with 资助学生 = 7: the pane set 5 since the download.
    const before = await storageSnapshot();
    const clash = await upload(TOKENS.filler, "rt2", await editXlsx(blank, FORM_SHEET, { C9: 7 }));
    expect(clash).toMatchObject({
      status: 409,
      body: { error: { code: "conflict", details: [{ address: "C9", key: "people", mine: "7", theirs: "5" }] } },
    });
    expect(await storageSnapshot()).toEqual(before);
  });

  it("keeps the real 身份证号 under the masks of a reviewer's download", async () => {
    const id = idNumber(1);
    const card = cardNumber(1);
    const saved = await patch(TOKENS.filler, "rt-pii", UNIT, 0, [
      { cell: "roster.r0001.name", value: "学生1" },
      { cell: "roster.r0001.idcard", value: id },
      { cell: "roster.r0001.card", value: card },
    ]);
    expect(saved.status).toBe(200);
    const masked = await download(TOKENS.reviewer, "rt-pii");
    const res = await upload(TOKENS.admin, "rt-pii", await editXlsx(masked, FORM_SHEET, { B13: "学生一" }));
    expect(res.body).toMatchObject({ report: { version: 2 }, changed: 1 });
    const report = await api(TOKENS.filler, "GET", `/rounds/rt-pii/reports/${UNIT}`);
    expect(report.body.values).toEqual({
      "roster.r0001.name": "学生一",
      "roster.r0001.idcard": id,
      "roster.r0001.card": card,
    });
  });
});
