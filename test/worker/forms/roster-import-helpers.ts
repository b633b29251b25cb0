import { env } from "cloudflare:workers";
import { hashToken } from "../../../worker/auth/token";
import { findToken } from "../../../worker/db/tokens";
import type { Caller } from "../../../worker/env";
import { importRoster, type RosterImportRequest } from "../../../worker/forms/roster-file/import-roster";
import { piiOf } from "../../../worker/pii/report-crypto";
import type { ReadWorkbook } from "../../../worker/xlsx/workbook";
import { bookOf, sheetOf, type TestCell } from "./roster-file-fixtures";

/** Calling the import service on real D1 with a ReadWorkbook built in the test. */
export const UNIT = "hs-tunxi";

export async function callerOf(token: string): Promise<Caller> {
  const found = await findToken(env.DB, await hashToken(token));
  if (!found) throw new Error(`no token ${token}`);
  return found.caller;
}

export async function importAs(
  token: string,
  book: ReadWorkbook,
  req: Partial<RosterImportRequest> & { round: string },
) {
  return importRoster(piiOf(env), await callerOf(token), {
    unit: UNIT,
    roster: "roster",
    mode: "replace",
    workbook: () => Promise.resolve(book),
    indexKey: env.PII_INDEX_KEY,
    ...req,
  });
}

/** The ApiError a refused import throws: code, message and details. */
export async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; details: any }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code: string; message: string; details: unknown };
    return { code: err.code, message: err.message, details: err.details };
  }
  throw new Error("the import was not refused");
}

/** A clerk's own list: a title, the header on row 3 in its own order, columns of its own. */
export function clerkFile(rows: TestCell[][]): ReadWorkbook {
  return bookOf([
    sheetOf([
      ["2022年屯溪区金秋助学受助学生名单"],
      ["填报日期：2022年10月8日"],
      ["序号", "助学金额", "学生 姓名", "备注", "身份证号", "发放日期", "银行卡号"],
      ...rows,
    ]),
  ]);
}
