import type { Consolidation } from "../../../../schemas/api/consolidation";
import { huangshanRosterAnswer } from "./fixtures";

/**
 * The Huangshan roster consolidation with 跨单位重复: one 身份证号 reported by 休宁
 * (its second row on the sheet) and 屯溪 (its first, the sheet's sixth), and a bank
 * card that 屯溪 reported in this round and 休宁 in another round of 2022, which a
 * unit outside the node holds too.
 */
export function withDuplicates(answer: Consolidation = huangshanRosterAnswer()): Consolidation {
  const rows = answer.rosters[0]?.rowValues ?? [];
  const xiuning = rows.filter((r) => r.unit === "hs-xiuning");
  const tunxi = rows.filter((r) => r.unit === "hs-tunxi");
  const at = (
    unit: string,
    unitName: string,
    rowId: string,
    column: string,
    round = answer.round,
    period = "2022",
  ) => ({
    unit,
    unitName,
    round,
    period,
    status: "submitted" as const,
    roster: "roster",
    rowId,
    column,
  });
  return {
    ...answer,
    duplicates: [
      {
        kind: "idcard",
        label: "受助学生名册「身份证号」",
        masked: "341004********0213",
        occurrences: [
          at("hs-xiuning", "休宁县总工会", xiuning[1]?.rowId as string, "idno"),
          at("hs-tunxi", "屯溪区总工会", tunxi[0]?.rowId as string, "idno"),
        ],
        outside: false,
      },
      {
        kind: "bankcard",
        label: "受助学生名册「银行卡号」",
        masked: "***************3445",
        occurrences: [
          at("hs-tunxi", "屯溪区总工会", tunxi[1]?.rowId as string, "card"),
          at("hs-xiuning", "休宁县总工会", "r9", "card", "hs-2022-autumn", "2022年秋季"),
        ],
        outside: true,
      },
    ],
  };
}

/** The lines below the consolidated form the officer reads (after the 0-note 上报说明 list). */
export const DUPLICATE_LINES = [
  ["", "", "", ""],
  ["跨单位重复（2 条）", "", "", ""],
  ["序号", "号码（已脱敏）", "所在列", "填报单位及所在行"],
  [1, "341004********0213", "受助学生名册「身份证号」", "休宁县总工会 第 2 行；屯溪区总工会 第 6 行"],
  [
    2,
    "***************3445",
    "受助学生名册「银行卡号」",
    "屯溪区总工会 第 7 行；休宁县总工会 2022年秋季（hs-2022-autumn）行 r9；另有本级以外的单位填报",
  ],
];
