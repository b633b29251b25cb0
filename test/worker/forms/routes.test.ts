import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { XLSX_TYPE } from "../../../worker/xlsx/write";
import { checked, FORM, seed, seedRounds, storageSnapshot, storedValues, TOKENS } from "../helpers";
import { formBook } from "./form-book";
import { formFile } from "./form-file";

const TEMPLATE = checked(FORM);
const UNIT = "hs-tunxi";
let rounds = 0;

async function newRound(): Promise<string> {
  const id = `imr-${++rounds}`;
  await seedRounds([{ id, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]);
  return id;
}

async function post(token: string, round: string, body: BodyInit, headers: Record<string, string> = {}) {
  const res = await exports.default.fetch(`http://huibiao.test/api/v1/rounds/${round}/reports/${UNIT}/import`, {
    method: "POST",
    body,
    headers: { Authorization: `Bearer ${token}`, ...headers },
  });
  return { status: res.status, body: (await res.json()) as any };
}

function filled(round: string, values: Record<string, string | number>) {
  return formBook(TEMPLATE, { round, unit: UNIT, unitName: "屯溪区总工会", reportVersion: 0, values }).then(formFile);
}

beforeAll(() => seed());

describe("POST …/import", () => {
  it("imports an xlsx sent as the body, read by the Worker's reader", async () => {
    const round = await newRound();
    const bytes = await filled(round, { total: "１０．５", people: 3, "roster.r0002.name": "李四" });
    const res = await post(TOKENS.filler, round, bytes, { "Content-Type": XLSX_TYPE });
    expect(res).toMatchObject({ status: 200, body: { report: { version: 1, status: "draft" }, changed: 3 } });
    expect(await storedValues(round, UNIT)).toEqual({ people: "3", "roster.r0002.name": "李四", total: "10.5" });
  });

  it("imports the file field of a form post, as a page without script sends it", async () => {
    const round = await newRound();
    const form = new FormData();
    form.set("file", new File([await filled(round, { total: 2 })], "屯溪区总工会-金秋助学.xlsx", { type: XLSX_TYPE }));
    const res = await post(TOKENS.filler, round, form);
    expect(res).toMatchObject({ status: 200, body: { changed: 1 } });
  });

  it("refuses what is not a workbook in the reader's words, storing nothing", async () => {
    const round = await newRound();
    const before = await storageSnapshot();
    const res = await post(TOKENS.filler, round, new TextEncoder().encode("姓名,金额\n张三,1"), {
      "Content-Type": "application/octet-stream",
    });
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain("不是 Excel 工作簿");
    expect(await storageSnapshot()).toEqual(before);
  });

  it("refuses a damaged workbook as damaged", async () => {
    const round = await newRound();
    const bytes = await filled(round, { total: 2 });
    const res = await post(TOKENS.filler, round, bytes.slice(0, bytes.length - 200), { "Content-Type": XLSX_TYPE });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "invalid_request" } } });
    expect(res.body.error.message).toContain("损坏");
  });

  it("takes a file over the JSON body limit (2 MB) and refuses one over the file limit by its length", async () => {
    const round = await newRound();
    // 3 MB that are not a workbook: past the JSON limit, so the reader is what refuses it.
    const big = await post(TOKENS.filler, round, new Uint8Array(3 * 1024 * 1024), {
      "Content-Type": "application/octet-stream",
    });
    expect(big.status).toBe(415);
    const huge = await post(TOKENS.filler, round, new Uint8Array(11 * 1024 * 1024), {
      "Content-Type": "application/octet-stream",
    });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: "payload_too_large" } } });
    expect(huge.body.error.message).toContain("文件超过 10 MB");
    // Other routes keep the 2 MB limit of JSON bodies.
    const other = await exports.default.fetch(`http://huibiao.test/api/v1/rounds/${round}/reports/${UNIT}/x/import`, {
      method: "POST",
      body: new Uint8Array(3 * 1024 * 1024),
      headers: { Authorization: `Bearer ${TOKENS.filler}`, "Content-Type": "application/octet-stream" },
    });
    expect(other.status).toBe(413);
  });

  it("answers 401 without a token and 404 to another unit's filler", async () => {
    const round = await newRound();
    const bytes = await filled(round, { total: 2 });
    const anon = await exports.default.fetch(`http://huibiao.test/api/v1/rounds/${round}/reports/${UNIT}/import`, {
      method: "POST",
      body: bytes,
      headers: { "Content-Type": XLSX_TYPE },
    });
    expect(anon.status).toBe(401);
    expect((await post(TOKENS.fillerHuizhou, round, bytes, { "Content-Type": XLSX_TYPE })).status).toBe(404);
  });
});
