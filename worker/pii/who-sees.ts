import type { Caller } from "../env";

/**
 * Who sees a report's sensitive values in full by default: the filler of the unit
 * that owns it (it types them and checks them against paper). Everyone else gets
 * masks, and a reviewer or admin with the `pii` permission may reveal with a purpose.
 */
export function seesInFull(caller: Caller, reportUnit: string): boolean {
  return caller.role === "filler" && caller.unit === reportUnit;
}
