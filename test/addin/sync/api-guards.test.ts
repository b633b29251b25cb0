/**
 * The add-in checks answers with hand-written guards (addin/sync/api-guards.ts) so
 * that zod stays out of the task pane bundle. Here each guard is held against
 * the zod schema it stands in for: both accept the sample answer, and for every
 * field of it, a wrong value (missing, null, a fraction, a boolean, an array,
 * an object) is rejected by the guard whenever zod rejects it.
 */
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { ChangesResponse } from "../../../schemas/api/changes";
import { ApiError } from "../../../schemas/api/common";
import { Consolidation } from "../../../schemas/api/consolidation";
import { Me, UnitsResponse } from "../../../schemas/api/me";
import { EditConflict, History, PatchReportResponse, Report, ReportList } from "../../../schemas/api/reports";
import { Round, RoundList } from "../../../schemas/api/rounds";
import { PublishedTemplate, TemplateList } from "../../../schemas/api/templates";
import { decodeAnswer } from "../../../addin/sync/api-result";
import {
  isApiError,
  isChangesResponse,
  isConsolidation,
  isEditConflict,
  isHistory,
  isMe,
  isPatchReportResponse,
  isPublishedTemplate,
  isReport,
  isReportList,
  isRound,
  isRoundList,
  isTemplateList,
  isUnitsResponse,
} from "../../../addin/sync/api-guards";
import { Mismatch, type Guard } from "../../../addin/sync/guards";
import { FileConflict, ImportResponse } from "../../../schemas/api/forms";
import { isFileConflict, isImportAnswer } from "../../../addin/sync/form-file-guards";

const at = "2022-09-01T02:00:00.000Z";
const summary = {
  round: "hs-2022",
  unit: "hs-tunxi",
  unitName: "屯溪区总工会",
  status: "draft",
  version: 3,
  late: false,
  submittedAt: null,
  updatedAt: at,
};
const report = {
  ...summary,
  values: { a1: "12" },
  explanations: { w1: "说明" },
  returnReason: null,
  locked: false,
  editable: true,
};
const round = {
  id: "hs-2022",
  templateId: "t",
  templateVersion: 1,
  title: "年报",
  period: "2022",
  dueDate: "2022-09-30",
  rootUnit: "hs",
  status: "open",
  createdAt: at,
  lockedAt: null,
};
const template = { id: "t", version: 1, title: "年报", period: "2022", dueDate: "2022-09-30", publishedAt: at };
const st = {
  code: "hs-tunxi",
  name: "屯溪区总工会",
  status: "submitted",
  late: true,
  submittedAt: at,
  errors: 0,
  warnings: 2,
  unexplained: null,
};

const samples: [string, ZodType, Guard<unknown>, unknown][] = [
  [
    "Me",
    Me,
    isMe,
    {
      tokenId: 3,
      role: "filler",
      label: "张三",
      unit: { code: "hs-tunxi", name: "屯溪", parent: "hs", path: "/hs/hs-tunxi/" },
      expiresAt: "2027-03-01T02:00:00.000Z",
    },
  ],
  [
    "UnitsResponse",
    UnitsResponse,
    isUnitsResponse,
    { roots: [{ code: "hs", name: "黄山", children: [{ code: "hs-tunxi", name: "屯溪", children: [] }] }] },
  ],
  ["Round", Round, isRound, round],
  ["RoundList", RoundList, isRoundList, { rounds: [round] }],
  ["ReportList", ReportList, isReportList, { reports: [summary] }],
  ["Report", Report, isReport, report],
  [
    "PatchReportResponse",
    PatchReportResponse,
    isPatchReportResponse,
    { version: 4, status: "draft", values: { a1: "1" }, explanations: {}, merged: ["a2"] },
  ],
  ["EditConflict", EditConflict, isEditConflict, { cell: "a1", base: null, theirs: "2", mine: "3" }],
  [
    "History",
    History,
    isHistory,
    {
      entries: [
        {
          version: 1,
          at,
          actor: "张三",
          role: "filler",
          action: "patch",
          detail: { n: 1 },
          cells: [{ cell: "a1", old: null, new: "1" }],
        },
      ],
    },
  ],
  ["TemplateList", TemplateList, isTemplateList, { templates: [template] }],
  ["PublishedTemplate", PublishedTemplate, isPublishedTemplate, { ...template, definition: { id: "t", sections: [] } }],
  [
    "ChangesResponse",
    ChangesResponse,
    isChangesResponse,
    {
      events: [
        {
          cursor: 7,
          round: "hs-2022",
          unit: "hs-tunxi",
          version: 4,
          kind: "patch",
          status: "draft",
          cells: ["a1"],
          at,
        },
      ],
      cursor: 7,
      more: false,
    },
  ],
  [
    "Consolidation",
    Consolidation,
    isConsolidation,
    {
      round: "hs-2022",
      template: { id: "t", version: 1, title: "年报" },
      period: "2022",
      dueDate: "2022-09-30",
      unit: { code: "hs", name: "黄山" },
      include: ["submitted", "approved", "rows"],
      generatedAt: at,
      completeness: {
        expected: 2,
        reported: 1,
        byStatus: { draft: 1, submitted: 1, returned: 0, approved: 0 },
        late: 1,
        lateUnits: [st],
        missing: [st],
      },
      totals: { a1: "12" },
      matrix: { units: [st], cells: ["a1"], rows: [["12"]] },
      rosters: [
        {
          key: "members",
          title: "名册",
          rows: 1,
          totals: { amount: "5" },
          byUnit: [{ unit: "hs-tunxi", rows: 1, totals: { amount: "5" } }],
          rowValues: [{ unit: "hs-tunxi", rowId: "r1", values: { name: "李四" } }],
        },
      ],
      problems: [{ id: "p", ruleId: "p", severity: "warning", cells: ["a1"], message: "偏高" }],
      notes: [
        {
          unit: "hs-tunxi",
          unitName: "屯溪",
          status: "submitted",
          problemId: "p",
          text: "说明",
          message: null,
          severity: null,
        },
      ],
    },
  ],
  [
    "ImportResponse",
    ImportResponse,
    isImportAnswer,
    {
      report: { version: 4, status: "draft" },
      changed: 3,
      merged: 1,
      problems: {
        errors: [{ address: "C12", sheet: "附件1", key: "a1", where: "第 1 项「合计」", message: "不符", ruleId: "r" }],
        warnings: [{ address: "C13", sheet: "附件1", key: "a2", where: "第 2 项", message: "偏高" }],
      },
    },
  ],
  [
    "FileConflict",
    FileConflict,
    isFileConflict,
    { address: "C12", key: "a1", where: "第 1 项", mine: "1", theirs: null },
  ],
  ["ApiError", ApiError, isApiError, { error: { code: "edit_conflict", message: "冲突", details: { conflicts: [] } } }],
];

const wrong: unknown[] = [undefined, null, 1.5, true, [], {}];

/** Every path to a value inside `v` (object keys and array indexes). */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== "object" || v === null) return [];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((k) => {
    const p = [...prefix, k];
    return [p, ...paths((v as Record<string | number, unknown>)[k], p)];
  });
}

function withValue(v: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
  return copy;
}

describe("hand-written guards agree with the API schemas", () => {
  for (const [name, schema, guard, sample] of samples) {
    it(`${name}: the sample fits both`, () => {
      expect(schema.safeParse(sample).success).toBe(true);
      expect(guard(sample)).toBe(true);
    });

    it(`${name}: whatever zod refuses, the guard refuses`, () => {
      let checked = 0;
      for (const path of paths(sample)) {
        for (const value of wrong) {
          const v = withValue(sample, path, value);
          if (!schema.safeParse(v).success) {
            checked++;
            expect(guard(v), `${name} at ${path.join(".")} = ${JSON.stringify(value)}`).toBe(false);
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
      for (const value of wrong) expect(guard(value)).toBe(schema.safeParse(value).success);
    });
  }
});

describe("Mismatch", () => {
  it("names the path and what was expected there", () => {
    const miss = new Mismatch();
    expect(isRoundList({ rounds: [round, { ...round, templateVersion: "1" }] }, miss)).toBe(false);
    expect(miss.where).toBe("rounds.1.templateVersion");
    expect(miss.message).toBe("expected integer");
  });

  it("goes into the details of a bad_response", () => {
    const res = decodeAnswer(200, JSON.stringify({ tokenId: "three" }), null, isMe);
    expect(res).toEqual({
      ok: false,
      offline: false,
      status: 200,
      code: "bad_response",
      message: "服务器返回的数据格式不正确，请刷新后重试",
      details: [{ path: "tokenId", message: "expected integer" }],
    });
  });

  it("a body that is not JSON at all is a bad_response too", () => {
    expect(decodeAnswer(200, "<html>", null, isMe)).toMatchObject({
      ok: false,
      code: "bad_response",
      details: [{ path: "", message: "expected object" }],
    });
  });
});
