import { z } from "zod";
import { Instant, RoundId, UnitCode } from "./common";
import { IncludeParam } from "./consolidation";

/** Why the values are needed, in the reveal log for good (docs/privacy.md). */
const Purpose = z.string().trim().min(4, "请写明查看目的（4–200 字）").max(200, "查看目的最多 200 字");

const CellKey = z.string().min(1).max(200);

export const RevealRequest = z
  .object({
    /** Sensitive cells, e.g. `roster.r1.idcard` or `header.phone`. */
    cells: z.array(CellKey).min(1).max(2000).optional(),
    /** Whole roster rows, e.g. `roster.r1`: every sensitive cell of the row. */
    rows: z.array(CellKey).min(1).max(2000).optional(),
    purpose: Purpose,
  })
  .refine((r) => (r.cells === undefined) !== (r.rows === undefined), { message: "请给出 cells 或 rows 之一" });
export type RevealRequest = z.infer<typeof RevealRequest>;

export const RevealResponse = z.object({
  /** The values in full; an erased one reads 「（已擦除）」. */
  values: z.record(z.string(), z.string().nullable()),
});
export type RevealResponse = z.infer<typeof RevealResponse>;

export const PaymentListRequest = z.object({
  unit: UnitCode.optional(),
  include: IncludeParam.optional(),
  purpose: Purpose,
});
export type PaymentListRequest = z.infer<typeof PaymentListRequest>;

export const RevealRecord = z.object({
  id: z.number().int(),
  at: Instant,
  tokenId: z.number().int(),
  actor: z.string(),
  role: z.string(),
  round: RoundId,
  unit: UnitCode.nullable(),
  what: z.union([
    z.object({ cells: z.array(z.string()) }),
    z.object({ rows: z.array(z.string()) }),
    z.object({ export: z.string() }),
  ]),
  purpose: z.string(),
});
export const RevealList = z.object({ reveals: z.array(RevealRecord) });
export type RevealList = z.infer<typeof RevealList>;
