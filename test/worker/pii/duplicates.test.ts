import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { CrossUnitDuplicate } from "../../../schemas/api/duplicates";
import { CROSS_UNIT_RULE } from "../../../schemas/pii/cross-unit";
import { unzip } from "../exports/unzip";
import { api, patch, readVersion, seed, TOKENS } from "../helpers";
import { cardNumber, idNumber, indexRows, seedDupRounds } from "./pii-fixtures";

/**
 * Duplicates of sensitive values found by the blind index (worker/pii/), over the test tree
 *   hs ─ hs-tunxi (a district group) ─ hs-tunxi-a, hs-tunxi-b
 *      └ hs-huizhou
 * in round A (2022年), round B (2022年秋季, the same year) and round C (2023年).
 */
const A = "dup-a";
const B = "dup-b";
const C = "dup-c";

const S1 = idNumber("341002", "20100515", "021"); // tunxi-a and huizhou: across districts
const S2 = idNumber("341002", "20110304", "032"); // tunxi-a and tunxi-b: inside the district group
const S3 = idNumber("341004", "20090909", "043"); // twice in tunxi-b's own roster
const S4 = idNumber("341021", "20120101", "054"); // tunxi-a in A, huizhou in B (same year)
const S5 = idNumber("341022", "20080808", "065"); // tunxi-a in A, huizhou in C (another year)
const CARD = cardNumber("622202020011223344");

const UNIT_WORDS = ["hs-", "屯溪", "徽州", "昱东", "老街", "张", "李", "王"];

type Rows = Record<string, string | null>;

async function save(token: string, round: string, unit: string, rows: Rows) {
  const v = await readVersion(TOKENS.admin, round, unit);
  const res = await patch(
    token,
    round,
    unit,
    v,
    Object.entries(rows).map(([cell, value]) => ({ cell, value })),
  );
  if (res.status !== 200) throw new Error(`patch ${round}/${unit}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { notices?: { id: string; ruleId: string; cells: string[]; message: string }[] };
}

function student(row: string, name: string, idno: string): Rows {
  return { [`roster.${row}.name`]: name, [`roster.${row}.idno`]: idno };
}

async function duplicates(token: string, round: string, unit: string): Promise<CrossUnitDuplicate[]> {
  const res = await api(
    token,
    "GET",
    `/rounds/${round}/consolidated?unit=${unit}&include=draft,submitted,returned,approved`,
  );
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body.duplicates as CrossUnitDuplicate[];
}

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(-4)}`;
const find = (list: CrossUnitDuplicate[], id: string) => list.find((d) => d.masked === masked(id));

beforeAll(async () => {
  await seed();
  await seedDupRounds([
    { id: A, period: "2022年" },
    { id: B, period: "2022年秋季" },
    { id: C, period: "2023年" },
  ]);
  await save(TOKENS.fillerA, A, "hs-tunxi-a", {
    ...student("r1", "张一", S1),
    "roster.r1.card": CARD,
    ...student("r2", "张二", S2),
    ...student("r3", "张四", S4),
    ...student("r4", "张五", S5),
  });
  await save(TOKENS.admin, A, "hs-tunxi-b", {
    ...student("r1", "李二", S2),
    ...student("r2", "李三", S3),
    ...student("r3", "李三", S3),
  });
  await save(TOKENS.fillerHuizhou, C, "hs-huizhou", student("r1", "王五", S5));
});

describe("the filler's warning", () => {
  it("a filler saving a student another unit reported this year gets a notice naming no unit and no one", async () => {
    const body = await save(TOKENS.fillerHuizhou, A, "hs-huizhou", {
      ...student("r1", "王一", S1),
      "roster.r1.card": CARD,
    });
    const notices = body.notices ?? [];
    expect(notices.map((n) => n.id).sort()).toEqual([
      `${CROSS_UNIT_RULE}@roster.r1.card`,
      `${CROSS_UNIT_RULE}@roster.r1.idno`,
    ]);
    const idNotice = notices.find((n) => n.cells[0] === "roster.r1.idno");
    expect(idNotice?.message).toBe(
      "该身份证号已在本年度其他单位的名册中填报，请核实是否重复资助（仅提示，不影响上报，无需填写上报说明）",
    );
    for (const n of notices) {
      for (const word of [...UNIT_WORDS, S1, S1.slice(-4), CARD.slice(-4)]) expect(n.message).not.toContain(word);
    }
  });

  it("the unit that reported first sees the notice on its report too (GET)", async () => {
    const res = await api(TOKENS.fillerA, "GET", `/rounds/${A}/reports/hs-tunxi-a`);
    const cells = (res.body.notices as { cells: string[] }[]).map((n) => n.cells[0]);
    // S1 and its card (huizhou), S2 (tunxi-b); S4 is only in A here, S5 only in C (2023).
    expect(cells).toEqual(["roster.r1.card", "roster.r1.idno", "roster.r2.idno"]);
  });

  it("the same year across rounds is flagged, another year is not", async () => {
    const inB = await save(TOKENS.fillerHuizhou, B, "hs-huizhou", student("r1", "王四", S4));
    expect(inB.notices?.map((n) => n.cells[0])).toEqual(["roster.r1.idno"]);
    const inC = await api(TOKENS.fillerHuizhou, "GET", `/rounds/${C}/reports/hs-huizhou`);
    expect(inC.body.notices).toBeUndefined();
  });

  it("a student twice in one roster is still the engine's error, not a cross-unit notice", async () => {
    const res = await api(TOKENS.admin, "GET", `/rounds/${A}/reports/hs-tunxi-b`);
    expect(res.body.notices.map((n: { cells: string[] }) => n.cells[0])).toEqual(["roster.r1.idno"]);
    const row = await env.DB.prepare("SELECT errors FROM reports WHERE round_id = ? AND unit = ?")
      .bind(A, "hs-tunxi-b")
      .first<{ errors: number }>();
    expect(row?.errors).toBeGreaterThan(0);
    const submit = await api(TOKENS.admin, "POST", `/rounds/${A}/reports/hs-tunxi-b/submit`, undefined, {
      "If-Match": `"${await readVersion(TOKENS.admin, A, "hs-tunxi-b")}"`,
    });
    expect(submit.status).toBe(422);
    expect(JSON.stringify(submit.body)).toContain("身份证号");
  });
});

describe("跨单位重复 in the consolidation", () => {
  it("the city sees a cross-district duplicate with both units, their rows and the masked number", async () => {
    const list = await duplicates(TOKENS.cityReviewer, A, "hs");
    const d = find(list, S1);
    expect(d).toMatchObject({ kind: "idcard", label: "名册「身份证号」", outside: false });
    expect(d?.occurrences.map((o) => [o.unit, o.unitName, o.round, o.roster, o.rowId, o.column])).toEqual([
      ["hs-tunxi-a", "屯溪区昱东街道工会", A, "roster", "r1", "idno"],
      ["hs-huizhou", "徽州区总工会", A, "roster", "r1", "idno"],
    ]);
    // The card both rows share is a duplicate of its own, masked to its last four digits.
    expect(list.find((x) => x.kind === "bankcard")?.masked).toBe(`${"*".repeat(CARD.length - 4)}${CARD.slice(-4)}`);
    // Across rounds of the same year: S4 in A (tunxi-a) and B (huizhou).
    expect(find(list, S4)?.occurrences.map((o) => [o.unit, o.round, o.period])).toEqual([
      ["hs-tunxi-a", A, "2022年"],
      ["hs-huizhou", B, "2022年秋季"],
    ]);
    // Not another year's, not one roster's own duplicate.
    expect(find(list, S5)).toBeUndefined();
    expect(find(list, S3)).toBeUndefined();
    expect(JSON.stringify(list)).not.toContain(S1);
  });

  it("the district group sees its own duplicates, and a cross-district one without the other district", async () => {
    const list = await duplicates(TOKENS.reviewer, A, "hs-tunxi");
    expect(find(list, S2)).toMatchObject({ outside: false });
    expect(find(list, S2)?.occurrences.map((o) => o.unit)).toEqual(["hs-tunxi-a", "hs-tunxi-b"]);
    const d = find(list, S1);
    expect(d?.outside).toBe(true);
    expect(d?.occurrences.map((o) => o.unit)).toEqual(["hs-tunxi-a"]);
    const text = JSON.stringify(list);
    for (const word of ["hs-huizhou", "徽州", B]) expect(text).not.toContain(word);
  });

  it("the index holds neither the numbers nor anything but their masks", async () => {
    const text = JSON.stringify(await indexRows());
    for (const v of [S1, S2, S3, S4, S5, CARD]) expect(text).not.toContain(v);
    expect(text).toContain(masked(S1));
  });

  it("the CSV and XLSX exports list them: a 跨单位重复 sheet, and lines below the consolidated form", async () => {
    const path = `/rounds/${A}/consolidated/export`;
    const query = "?unit=hs&include=draft,submitted,returned,approved";
    const csv = await exports.default.fetch(`http://huibiao.test/api/v1${path}.csv${query}`, {
      headers: { Authorization: `Bearer ${TOKENS.cityReviewer}` },
    });
    const text = await csv.text();
    const sheet = text.slice(text.indexOf("【跨单位重复】"));
    expect(sheet).toContain(`1,${masked(S1)},名册「身份证号」,hs-tunxi-a,屯溪区昱东街道工会,${A},2022年,未上报,行 r1`);
    expect(sheet).toContain(`1,${masked(S1)},名册「身份证号」,hs-huizhou,徽州区总工会,${A},2022年,未上报,行 r1`);
    expect(sheet).toContain(`hs-huizhou,徽州区总工会,${B},2022年秋季,未上报,2022年秋季（${B}）行 r1`);
    expect(text).toMatch(/跨单位重复（\d+ 条）/);
    expect(text).not.toContain(S1);

    // The district group's file: its own duplicate, never the other district.
    const xlsx = await exports.default.fetch(
      `http://huibiao.test/api/v1${path}.xlsx${query.replace("hs&", "hs-tunxi&")}`,
      {
        headers: { Authorization: `Bearer ${TOKENS.reviewer}` },
      },
    );
    const files = await unzip(new Uint8Array(await xlsx.arrayBuffer()));
    const names = [...(files.get("xl/workbook.xml") ?? "").matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toContain("跨单位重复");
    const all = [...files.values()].join("");
    expect(all).toContain(masked(S2));
    expect(all).toContain("另有本级以外的单位填报");
    for (const word of ["hs-huizhou", "徽州", S1, S2]) expect(all).not.toContain(word);
  });

  it("a cleared cell and a deleted row are no longer flagged", async () => {
    // huizhou clears S1's number; tunxi-b deletes its row of S2 (every cell cleared).
    await save(TOKENS.fillerHuizhou, A, "hs-huizhou", { "roster.r1.idno": null });
    await save(TOKENS.admin, A, "hs-tunxi-b", { "roster.r1.name": null, "roster.r1.idno": null });
    const list = await duplicates(TOKENS.cityReviewer, A, "hs");
    expect(find(list, S1)).toBeUndefined();
    expect(find(list, S2)).toBeUndefined();
    const res = await api(TOKENS.fillerA, "GET", `/rounds/${A}/reports/hs-tunxi-a`);
    // S4's notice stays: huizhou holds it in round B.
    expect(res.body.notices.map((n: { cells: string[] }) => n.cells[0])).toEqual(["roster.r1.card", "roster.r3.idno"]);
    const rows = await indexRows();
    expect(rows.filter((r) => r.cell === "roster.r1.idno" && r.unit === "hs-huizhou" && r.round_id === A)).toEqual([]);
    expect(rows.filter((r) => r.unit === "hs-tunxi-b" && r.row_id === "r1")).toEqual([]);
  });
});
