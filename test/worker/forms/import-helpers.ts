import { env } from "cloudflare:workers";
import { hashToken } from "../../../worker/auth/token";
import { findToken } from "../../../worker/db/tokens";
import type { Caller } from "../../../worker/env";
import { importForm } from "../../../worker/forms/import/service";
import { piiOf } from "../../../worker/pii/report-crypto";
import type { ReadWorkbook } from "../../../worker/xlsx/workbook";
import { ApiError } from "../../../worker/errors";
import { checked, FORM, seedRounds } from "../helpers";
import { formBook, type FormBookOptions } from "./form-book";

export async function callerFor(token: string): Promise<Caller> {
  const found = await findToken(env.DB, await hashToken(token));
  if (!found) throw new Error(`no token ${token}`);
  return found.caller;
}

/** The import service as the route calls it; a refusal comes back as its API error. */
export async function upload(token: string, round: string, unit: string, book: ReadWorkbook) {
  try {
    const body = await importForm(piiOf(env), await callerFor(token), {
      round,
      unit,
      book: async () => book,
      indexKey: env.PII_INDEX_KEY,
    });
    return { status: 200, body } as const;
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { status: err.status as number, error: { code: err.code, message: err.message, details: err.details } };
  }
}

export const TEMPLATE = checked(FORM);
export const UNIT = "hs-tunxi";
export const NAME = "屯溪区总工会";
let rounds = 0;

/** A fresh round of the test form for each case: reports start at version 0. */
export async function newRound(prefix = "imp"): Promise<string> {
  const id = `${prefix}-${++rounds}`;
  await seedRounds([{ id, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]);
  return id;
}

/** The test form of 屯溪区总工会 as drawn at version 0 (unless told otherwise), filled with `o.values`. */
export function file(round: string, o: Partial<FormBookOptions> = {}) {
  return formBook(TEMPLATE, { round, unit: UNIT, unitName: NAME, reportVersion: 0, ...o });
}
