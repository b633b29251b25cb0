import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { OFFICIAL_TEMPLATES } from "../../../schemas/forms";
import { parseIdentity, type FormIdentity } from "../../../schemas/layout/form/identity";
import { rosterRowId } from "../../../schemas/layout/form/layout";
import { maskValue } from "../../../schemas/pii/mask";
import { seedStatements } from "../../../scripts/seed";
import { EntryNames } from "../../../worker/forms/round-forms";
import { XLSX_TYPE } from "../../../worker/xlsx/write";
import { api, checked, patch, readVersion, runSql, TOKENS, TREE } from "../helpers";
import { cellOf, unzip } from "../exports/unzip";
import { cardNumber, idNumber, PII_FORM, seedPii } from "../pii/pii-helpers";

/**
 * GET …/reports/{unit}/form.xlsx and GET …/forms.zip (下发): who may download
 * which forms, the identity each carries, sensitive values in full only for
 * the owning unit's filler, a blank form for a unit that saved nothing yet.
 */
const R = "f1";
const TITLE = checked(PII_FORM).title;

async function download(token: string, path: string) {
  const res = await exports.default.fetch(`http://huibiao.test/api/v1${path}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

/** The entries of a zip whose entries are stored (forms.zip), as bytes, in order. */
function storedEntries(bytes: Uint8Array): [string, Uint8Array][] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out: [string, Uint8Array][] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint16(at + 8, true) & 0x0800).toBe(0x0800); // UTF-8 name flag
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const offset = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    out.push([name, bytes.slice(start, start + size)]);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

/** The form's parts and the identity on its hidden sheet. */
async function opened(bytes: Uint8Array): Promise<{ form: string; identity: FormIdentity }> {
  const files = await unzip(bytes);
  const sheet = files.get("xl/worksheets/sheet3.xml") ?? "";
  const pairs = new Map<string, string>();
  for (let row = 1; row <= 10; row++) pairs.set(cellOf(sheet, `A${row}`) ?? "", cellOf(sheet, `B${row}`) ?? "");
  const parsed = parseIdentity(pairs);
  if (!parsed.ok) throw new Error(`identity: ${parsed.missing.join(",")}`);
  return { form: files.get("xl/worksheets/sheet1.xml") ?? "", identity: parsed.identity };
}

let savedVersion = 0;

beforeAll(async () => {
  await seedPii([R]);
  // The five official forms, each in a round of its own, to download through the route.
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
  await runSql(official.filter((s) => /^INSERT INTO (templates|rounds|reports)\b/.test(s)));
  const v = await readVersion(TOKENS.fillerA, R, "hs-tunxi-a");
  const rows = [1, 2].flatMap((n) => [
    { cell: `roster.${rosterRowId(n - 1)}.name`, value: `学生${n}` },
    { cell: `roster.${rosterRowId(n - 1)}.idcard`, value: idNumber(n) },
    { cell: `roster.${rosterRowId(n - 1)}.card`, value: cardNumber(n) },
    { cell: `roster.${rosterRowId(n - 1)}.amount`, value: "1000" },
  ]);
  const saved = await patch(TOKENS.fillerA, R, "hs-tunxi-a", v, [{ cell: "total", value: "10.25" }, ...rows]);
  if (saved.status !== 200) throw new Error(JSON.stringify(saved.body));
  savedVersion = saved.body.version as number;
});

describe("GET /rounds/{id}/reports/{unit}/form.xlsx", () => {
  it("gives the owning unit's filler its form with its values in full and the identity it was drawn from", async () => {
    const res = await download(TOKENS.fillerA, `/rounds/${R}/reports/hs-tunxi-a/form.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe(XLSX_TYPE);
    expect(res.headers.get("Content-Disposition")).toBe(
      `attachment; filename="${R}-hs-tunxi-a-form.xlsx"; filename*=UTF-8''${encodeURIComponent(`屯溪区昱东街道工会-${TITLE}.xlsx`)}`,
    );
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const { form, identity } = await opened(res.bytes);
    expect(identity).toMatchObject({
      templateId: "test-pii",
      round: R,
      unit: "hs-tunxi-a",
      unitName: "屯溪区昱东街道工会",
      reportVersion: savedVersion,
      rosterRows: { roster: 52 },
    });
    expect(form).toContain(idNumber(1));
    expect(form).toContain(cardNumber(2));
    expect(form).toContain("<v>10.25</v>");
  });

  it("masks sensitive values for everyone else who sees the report", async () => {
    for (const token of [TOKENS.reviewer, TOKENS.cityReviewer, TOKENS.admin]) {
      const res = await download(token, `/rounds/${R}/reports/hs-tunxi-a/form.xlsx`);
      expect(res.status).toBe(200);
      const { form, identity } = await opened(res.bytes);
      expect(identity.reportVersion).toBe(savedVersion);
      expect(form).not.toContain(idNumber(1));
      expect(form).not.toContain(cardNumber(2));
      expect(form).toContain(maskValue("idcard", idNumber(1)));
      expect(form).toContain("学生1");
    }
  });

  it("is a 404 for a filler of another unit, a reviewer outside the subtree, a unit outside the round", async () => {
    const refused: [string, string][] = [
      [TOKENS.fillerA, "hs-tunxi-b"],
      [TOKENS.fillerHuizhou, "hs-tunxi-a"],
      [TOKENS.reviewer, "hs-huizhou"],
      [TOKENS.fillerPd, "hs-tunxi-a"],
      [TOKENS.admin, "sh-pd"],
    ];
    for (const [token, unit] of refused) {
      const res = await api(token, "GET", `/rounds/${R}/reports/${unit}/form.xlsx`);
      expect(res.status, `${unit}`).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    expect((await api(TOKENS.admin, "GET", `/rounds/nope/reports/hs-tunxi-a/form.xlsx`)).status).toBe(404);
  });

  it("draws a blank form, report version 0, for a unit of the round that saved nothing yet", async () => {
    const res = await download(TOKENS.fillerHuizhou, `/rounds/${R}/reports/hs-huizhou/form.xlsx`);
    expect(res.status).toBe(200);
    const { form, identity } = await opened(res.bytes);
    expect(identity).toMatchObject({ unit: "hs-huizhou", unitName: "徽州区总工会", reportVersion: 0 });
    expect(identity.rosterRows).toEqual({ roster: 50 });
    expect(form).toContain("徽州区总工会");
    expect(form).not.toContain("<v>");
  });

  it("downloads every official form", async () => {
    for (const [i, t] of OFFICIAL_TEMPLATES.entries()) {
      const res = await download(TOKENS.filler, `/rounds/o${i}/reports/hs-tunxi/form.xlsx`);
      expect(res.status, t.id).toBe(200);
      const { identity } = await opened(res.bytes);
      expect(identity).toMatchObject({
        templateId: t.id,
        templateVersion: t.version,
        round: `o${i}`,
        reportVersion: 0,
      });
    }
  });
});

describe("GET /rounds/{id}/forms.zip?unit=", () => {
  it("zips the form of every unit of the round below the node, named <单位名>-<表名>.xlsx, masked", async () => {
    const res = await download(TOKENS.reviewer, `/rounds/${R}/forms.zip?unit=hs-tunxi`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    expect(res.headers.get("Content-Disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent(`屯溪区总工会-${TITLE}.zip`)}`,
    );
    const entries = storedEntries(res.bytes);
    expect(entries.map(([name]) => name)).toEqual(
      ["屯溪区总工会", "屯溪区昱东街道工会", "屯溪区老街街道工会"].map((u) => `${u}-${TITLE}.xlsx`),
    );
    const forms = await Promise.all(entries.map(([, bytes]) => opened(bytes)));
    expect(forms.map((f) => [f.identity.unit, f.identity.reportVersion])).toEqual([
      ["hs-tunxi", 0],
      ["hs-tunxi-a", savedVersion],
      ["hs-tunxi-b", 0],
    ]);
    expect(forms[1]?.form).toContain(maskValue("idcard", idNumber(1)));
    expect(forms[1]?.form).not.toContain(idNumber(1));
  });

  it("names units of one name apart, and names alike past the 120-character cut, by their codes", () => {
    const names = new EntryNames(checked(OFFICIAL_TEMPLATES[0]));
    const long = "某".repeat(130);
    const title = checked(OFFICIAL_TEMPLATES[0]).title;
    expect([
      names.next("u1", "工会"),
      names.next("u2", "工会"),
      names.next("u3", `${long}甲`),
      names.next("u4", `${long}乙`),
    ]).toEqual([
      `工会-${title}.xlsx`,
      `u2-工会-${title}.xlsx`,
      `${"某".repeat(120)}.xlsx`,
      `u4-${"某".repeat(117)}.xlsx`,
    ]);
  });

  it("lists the whole round for an admin at the root", async () => {
    const res = await download(TOKENS.admin, `/rounds/${R}/forms.zip?unit=hs`);
    expect(res.status).toBe(200);
    const units = await Promise.all(storedEntries(res.bytes).map(async ([, b]) => (await opened(b)).identity.unit));
    expect(units).toEqual(["hs-tunxi", "hs-tunxi-a", "hs-tunxi-b", "hs-huizhou"]);
  });

  it("refuses fillers (403), nodes and rounds out of sight (404), a node with no unit in the round (404)", async () => {
    const cases: [string, string, number][] = [
      [TOKENS.fillerA, `/rounds/${R}/forms.zip?unit=hs-tunxi-a`, 403],
      [TOKENS.reviewer, `/rounds/${R}/forms.zip?unit=hs`, 404],
      [TOKENS.reviewer, `/rounds/${R}/forms.zip?unit=hs-huizhou`, 404],
      [TOKENS.reviewer, `/rounds/nope/forms.zip?unit=hs-tunxi`, 404],
      [TOKENS.admin, `/rounds/${R}/forms.zip?unit=sh`, 404],
      [TOKENS.admin, `/rounds/${R}/forms.zip?unit=nobody`, 404],
      [TOKENS.admin, `/rounds/${R}/forms.zip`, 400],
    ];
    for (const [token, path, status] of cases) {
      const res = await api(token, "GET", path);
      expect(res.status, path).toBe(status);
    }
  });

  it("is documented in openapi.json", async () => {
    const res = await api(null, "GET", "/openapi.json");
    const paths = Object.keys(res.body.paths);
    expect(paths).toContain("/api/v1/rounds/{id}/reports/{unit}/form.xlsx");
    expect(paths).toContain("/api/v1/rounds/{id}/forms.zip");
  });
});
