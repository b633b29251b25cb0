import { z } from "zod";
import { IsoDate, UnitCode } from "./common";
import { ReportStatus } from "./reports";

/**
 * `GET /trend?template=&key=&unit=`: one item or grid cell consolidated over a
 * subtree in every round of a form, oldest first, across template versions —
 * a key renamed in a later version is read by its old name in older rounds
 * (the versions' `previous`, schemas/previous.ts).
 */
export const TrendQuery = z.object({
  template: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, "模板编号只能使用小写字母、数字和连字符")
    .describe("Template id (every version)"),
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/, "key 应为项目或表格单元格的键名，如 raised 或 grant.total")
    .describe("An item or grid cell of the template's latest version"),
  unit: UnitCode.optional().describe("Tree node to sum under (itself included); default: the caller's unit"),
});
export type TrendQuery = z.infer<typeof TrendQuery>;

/** One round of the form: the key's consolidated value there. */
export const TrendPoint = z.object({
  round: z.string(),
  period: z.string(),
  dueDate: IsoDate,
  templateVersion: z.number().int(),
  /** The exact sum over the subtree's submitted and approved reports, read as the key; null when blank everywhere. */
  value: z.string().nullable(),
  /** Reports summed (submitted + approved) and reporting units of the round in the subtree. */
  reported: z.number().int(),
  expected: z.number().int(),
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const Trend = z.object({
  /** The template as its latest version names it; `key` is one of its cells. */
  template: z.object({ id: z.string(), version: z.number().int(), title: z.string() }),
  key: z.string(),
  /** How the form names the key: 第 1 项「共筹集资金」. */
  label: z.string(),
  unit: z.object({ code: UnitCode, name: z.string() }),
  include: z.array(ReportStatus),
  /** Every round of the template with a report in the subtree, oldest first (by due date). */
  rounds: z.array(TrendPoint),
});
export type Trend = z.infer<typeof Trend>;
