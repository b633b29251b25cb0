import { z } from "zod";
import { Instant, Role, safeText, UnitCode } from "./common";

/**
 * What a token may do beyond its role: `pii` reveal sensitive values with a purpose
 * (docs/privacy.md); `author` define, publish and open forms (docs/definition-workbook.md),
 * for a reviewer at a root of the unit tree (an admin always may).
 */
export const Permission = z.enum(["pii", "author"]);
export type Permission = z.infer<typeof Permission>;

/** Lifetime of a token in days when POST /tokens names none, and the longest it may ask for. */
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;

export const CreateTokenRequest = z.object({
  role: Role,
  unit: UnitCode,
  /** Who holds it, e.g. "屯溪区总工会 张三"; shown in the audit trail. */
  label: z.string().trim().min(1).max(100).superRefine(safeText("令牌名称")),
  /** `pii` (reviewer and admin tokens), `author` (a reviewer at a root unit, or admin): see Permission. */
  permissions: z.array(Permission).max(2).default([]),
  /**
   * How long the token works, in whole days from now: default 90, at most 365
   * (issue 12: a token copied off a clerk's computer must not work forever).
   */
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
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
  /** When the token stops working; null only for tokens created outside the API without a lifetime. */
  expiresAt: Instant.nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** Only `POST /tokens` ever returns the plaintext `token`; the server keeps its SHA-256. */
export const CreatedToken = TokenInfo.extend({ token: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const TokenList = z.object({ tokens: z.array(TokenInfo) });
export type TokenList = z.infer<typeof TokenList>;
