import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { maskValue } from "../../../schemas/pii/mask";
import { importRoster, type RosterImportRequest } from "../../../worker/forms/roster-file/import-roster";
import { piiOf } from "../../../worker/pii/report-crypto";
import type { ReadWorkbook } from "../../../worker/xlsx/workbook";
import { api, patch, storageSnapshot, TOKENS } from "../helpers";
import { idNumber } from "../pii/pii-numbers";
import { seedRosterRounds } from "./roster-file-fixtures";
import { callerOf, clerkFile, importAs, refusal, UNIT } from "./roster-import-helpers";

/** Who may import (as PATCH), and a save by someone else while the file is read (the PATCH merge). */
beforeAll(async () => {
  await seedRosterRounds(["roster-file-b", "roster-file-c", "roster-file-d"]);
});

const run = (token: string, book: ReadWorkbook, extra: Partial<RosterImportRequest> & { round: string }) =>
  importAs(token, book, extra);

describe("who may import: as the PATCH route", () => {
  const ROUND = "roster-file-b";
  const book = clerkFile([[1, 800, "张三", "", idNumber(1), "", ""]]);
  const as = (token: string, unit = UNIT) => run(token, book, { round: ROUND, unit });

  it("refuses reviewers (403), other units' fillers (404) and a submitted report (409), writing nothing", async () => {
    const before = await storageSnapshot();
    expect((await refusal(as(TOKENS.reviewer))).code).toBe("forbidden");
    expect((await refusal(as(TOKENS.cityReviewer))).code).toBe("forbidden");
    expect((await refusal(as(TOKENS.fillerHuizhou))).code).toBe("not_found");
    expect((await refusal(as(TOKENS.fillerA))).code).toBe("not_found");
    expect(await storageSnapshot()).toEqual(before);
    // The file of a caller who may not import is never read.
    let reads = 0;
    const counted = () => {
      reads++;
      return Promise.resolve(book);
    };
    const caller = await callerOf(TOKENS.reviewer);
    const req = { round: ROUND, unit: UNIT, roster: "roster", mode: "replace" as const, workbook: counted };
    expect((await refusal(importRoster(piiOf(env), caller, req))).code).toBe("forbidden");
    expect(reads).toBe(0);
  });

  it("an admin may; the problems it is answered mask other people's 身份证号", async () => {
    const dup = clerkFile([
      [1, 800, "张三", "", idNumber(1), "", ""],
      [2, 800, "王五", "", idNumber(1), "", ""],
    ]);
    const res = await run(TOKENS.admin, dup, { round: ROUND });
    expect(res.report.version).toBe(1);
    const message = res.problems.errors[0]?.message ?? "";
    expect(message).not.toContain(idNumber(1));
    expect(message).toContain(maskValue("idcard", idNumber(1)));
  });

  it("a submitted report cannot be imported into", async () => {
    const ROUND_C = "roster-file-c";
    const ok = await run(TOKENS.filler, book, { round: ROUND_C });
    expect(ok.report.version).toBe(1);
    expect(
      (await api(TOKENS.filler, "POST", `/rounds/${ROUND_C}/reports/${UNIT}/submit`, undefined, { "If-Match": '"1"' }))
        .status,
    ).toBe(200);
    const before = await storageSnapshot();
    expect((await refusal(run(TOKENS.filler, book, { round: ROUND_C }))).code).toBe("invalid_transition");
    expect(await storageSnapshot()).toEqual(before);
  });
});

describe("a save by someone else while the file is read", () => {
  const ROUND = "roster-file-d";
  const at = (extra: Partial<RosterImportRequest>) => ({ round: ROUND, ...extra });
  const file = clerkFile([[1, 800, "张三", "", idNumber(1), "", ""]]);

  it("merges when it touched other cells: the column the file lacks keeps their value", async () => {
    expect((await run(TOKENS.filler, file, at({}))).report.version).toBe(1);
    const res = await run(
      TOKENS.filler,
      file,
      at({
        workbook: async () => {
          expect(
            (await patch(TOKENS.filler, ROUND, UNIT, 1, [{ cell: "roster.r0001.stage", value: "义务教育" }])).status,
          ).toBe(200);
          return clerkFile([[1, 100, "张三", "", idNumber(1), "", ""]]);
        },
      }),
    );
    expect(res.report.version).toBe(3);
    expect(res.problems.warnings.map((p) => p.address)).toEqual(["B4"]);
    const report = await api(TOKENS.filler, "GET", `/rounds/${ROUND}/reports/${UNIT}`);
    expect(report.body.values).toMatchObject({ "roster.r0001.stage": "义务教育", "roster.r0001.amount": "100" });
  });

  it("a cell both changed is a 409 conflict naming the file's cell and both values; the import writes nothing", async () => {
    let before: unknown;
    const r = await refusal(
      run(
        TOKENS.filler,
        file,
        at({
          workbook: async () => {
            expect(
              (await patch(TOKENS.filler, ROUND, UNIT, 3, [{ cell: "roster.r0001.name", value: "张珊" }])).status,
            ).toBe(200);
            before = await storageSnapshot();
            return clerkFile([[1, 100, "张山", "", idNumber(1), "", ""]]);
          },
        }),
      ),
    );
    expect(r.code).toBe("conflict");
    expect(r.message).toBe(
      "上传期间该报表已被他人修改，C4 受助学生名册「学生姓名」与文件冲突，未导入：请核对后重新上传",
    );
    expect(r.details).toEqual([
      {
        address: "C4",
        row: 4,
        key: "roster.r0001.name",
        where: "受助学生名册「学生姓名」",
        base: "张三",
        mine: "张山",
        theirs: "张珊",
      },
    ]);
    expect(await storageSnapshot()).toEqual(before);
  });
});
