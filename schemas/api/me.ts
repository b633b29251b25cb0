import { z } from "zod";
import { Permission } from "./tokens";
import { Instant, Role, UnitCode } from "./common";

export const Unit = z.object({
  code: UnitCode,
  name: z.string(),
  parent: UnitCode.nullable(),
  /** "/root/…/code/": a unit is in X's subtree when its path starts with X's path. */
  path: z.string(),
});
export type Unit = z.infer<typeof Unit>;

export const Me = z.object({
  tokenId: z.number().int(),
  role: Role,
  label: z.string(),
  unit: Unit,
  /** Beyond the role: `pii` may reveal sensitive values with a purpose, `author` define forms (see Permission). */
  permissions: z.array(Permission).optional(),
  /** When the caller's token stops working (the pane shows it and warns a week before); null = no expiry. */
  expiresAt: Instant.nullable(),
});
export type Me = z.infer<typeof Me>;

/** A node of the caller's visible unit tree. */
export interface UnitTreeNode {
  code: string;
  name: string;
  children: UnitTreeNode[];
}
export const UnitTreeNode: z.ZodType<UnitTreeNode> = z.lazy(() =>
  z.object({ code: UnitCode, name: z.string(), children: z.array(UnitTreeNode) }),
);

export const UnitsResponse = z.object({
  /** Admins see every root; a reviewer its own subtree; a filler its own unit. */
  roots: z.array(UnitTreeNode),
});
export type UnitsResponse = z.infer<typeof UnitsResponse>;
