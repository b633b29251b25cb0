import { describe, expect, it } from "vitest";
import { parseCell } from "../../../schemas/layout/address";
import { OFFICIAL_TEMPLATES } from "../../../schemas/forms";
import { ApiError } from "../../../worker/errors";
import { readFileValues } from "../../../worker/forms/import/file-values";
import { fileLayout } from "../../../worker/forms/import/form-layout";
import { patchFrom } from "../../../worker/forms/import/patch";
import { checked } from "../helpers";
import { formBook, insertColumn, insertRow } from "./form-book";

const UNIT = { round: "r", unit: "hs-tunxi", unitName: "屯溪区总工会", reportVersion: 0 };

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("not refused");
}

describe.each(OFFICIAL_TEMPLATES.map((t) => [t.id, checked(t)] as const))("the official form %s", (_id, template) => {
  it("reads back as drawn: every label in place, nothing to change", async () => {
    const form = await formBook(template, UNIT);
    const file = await fileLayout(template, form.identity, UNIT.unitName, form.book);
    expect(file.sheet.name).toBe(form.layout.sheet);
    const values = readFileValues(template, file, false, {});
    expect(patchFrom(values, {}, file.layout)).toEqual([]);
  });

  it("is refused with the first label out of place after an inserted row or column", async () => {
    const form = await formBook(template, UNIT);
    const first = form.layout.texts.find((t) => t.style === "label" || t.style === "columnHeader");
    insertRow(form.form, parseCell(first!.address).row);
    const rows = await refusal(fileLayout(template, form.identity, UNIT.unitName, form.book));
    expect(rows).toMatchObject({ code: "layout_changed", message: expect.stringMatching(/请勿插入或删除行$/) });

    const again = await formBook(template, UNIT);
    insertColumn(again.form, 2);
    const cols = await refusal(fileLayout(template, again.identity, UNIT.unitName, again.book));
    expect(cols).toMatchObject({ code: "layout_changed", message: expect.stringMatching(/请勿插入或删除列$/) });
  });
});
