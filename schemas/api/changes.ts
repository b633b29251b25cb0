import { z } from "zod";
import { CountParam, Instant, UnitCode } from "./common";

export const ChangesQuery = z.object({
  /** The `cursor` of the last answer; 0 (default) = from the beginning. */
  since: CountParam.default(0),
  round: z.string().max(64).optional(),
  limit: CountParam.pipe(z.number().min(1).max(1000)).default(500),
});
/** What a client passes; the query string carries the numbers as decimal digits. */
export interface ChangesQuery {
  since?: number;
  round?: string;
  limit?: number;
}

export const ChangeEvent = z.object({
  cursor: z.number().int(),
  round: z.string(),
  unit: UnitCode,
  version: z.number().int(),
  kind: z.enum(["patch", "submit", "return", "approve", "lock"]),
  status: z.string(),
  /** Changed cell keys (and note:<problem id>) for a patch; empty otherwise. */
  cells: z.array(z.string()),
  at: Instant,
});
export type ChangeEvent = z.infer<typeof ChangeEvent>;

export const ChangesResponse = z.object({
  events: z.array(ChangeEvent),
  /** Pass as `since` next time; unchanged when there was nothing new. */
  cursor: z.number().int(),
  /** More events are waiting: poll again right away. */
  more: z.boolean(),
});
export type ChangesResponse = z.infer<typeof ChangesResponse>;
