import { z } from "zod";
import { Instant, IsoDate, RoundId, UnitCode } from "./common";

export const CreateRoundRequest = z.object({
  id: RoundId,
  templateId: z.string().min(1).max(100),
  templateVersion: z.number().int().positive(),
  /** The tree node the round is opened to. */
  rootUnit: UnitCode,
  /** Units that must report; default: every unit below `rootUnit` (not the root itself). */
  units: z.array(UnitCode).min(1).max(5000).optional(),
  /** Defaults to the template's. */
  period: z.string().min(1).max(100).optional(),
  dueDate: IsoDate.optional(),
  /**
   * After this date the round's keys are destroyed: its sensitive values (身份证号, 银行卡号)
   * become unrecoverable (docs/privacy.md). Default: two years after the due date.
   */
  retainUntil: IsoDate.optional(),
});
export type CreateRoundRequest = z.infer<typeof CreateRoundRequest>;

export const RoundStatus = z.enum(["open", "locked"]);

export const Round = z.object({
  id: RoundId,
  templateId: z.string(),
  templateVersion: z.number().int(),
  title: z.string(),
  period: z.string(),
  /** Inclusive, China Standard Time: a submit after 23:59:59 (UTC+8) that day is late. */
  dueDate: IsoDate,
  rootUnit: UnitCode,
  status: RoundStatus,
  createdAt: Instant,
  lockedAt: Instant.nullable(),
});
export type Round = z.infer<typeof Round>;

export const RoundList = z.object({ rounds: z.array(Round) });
export type RoundList = z.infer<typeof RoundList>;
