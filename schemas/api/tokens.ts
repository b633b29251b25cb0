import { z } from "zod";
import { Instant, Role, safeText, UnitCode } from "./common";

/** What a token may do beyond its role. */
export const Permission = z.enum(["pii"]);
export type Permission = z.infer<typeof Permission>;

export const CreateTokenRequest = z.object({
  role: Role,
  unit: UnitCode,
  /** Who holds it, e.g. "屯溪区总工会 张三"; shown in the audit trail. */
  label: z.string().trim().min(1).max(100).superRefine(safeText("令牌名称")),
  /** `pii`: may reveal sensitive values with a stated purpose (reviewer and admin tokens only; docs/privacy.md). */
  permissions: z.array(Permission).max(1).default([]),
});
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const TokenInfo = z.object({
  id: z.number().int(),
  role: Role,
  unit: UnitCode,
  label: z.string(),
  createdAt: Instant,
  revokedAt: Instant.nullable(),
  permissions: z.array(Permission),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** Only `POST /tokens` ever returns the plaintext `token`; the server keeps its SHA-256. */
export const CreatedToken = TokenInfo.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const TokenList = z.object({ tokens: z.array(TokenInfo) });
export type TokenList = z.infer<typeof TokenList>;
