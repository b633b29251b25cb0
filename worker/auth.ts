import { createMiddleware } from "hono/factory";
import type { AppEnv, Caller } from "./env";
import { ApiError } from "./errors";
import { findToken } from "./db/tokens";

const TOKEN_PREFIX = "hb_";

/** SHA-256 of UTF-8 text, lower-case hex (Web Crypto: same in the Worker, Node and tests). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The only form in which tokens are stored. */
export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** A fresh token: "hb_" + 32 random bytes, base64url. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const b64 = btoa(String.fromCharCode(...bytes));
  return TOKEN_PREFIX + b64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="huibiao"' };

/** Resolves `Authorization: Bearer <token>` into `c.var.caller`, or answers 401. */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  if (!match?.[1]) throw new ApiError("unauthorized", "请先登录（缺少有效的访问令牌）", undefined, CHALLENGE);
  const row = await findToken(c.env.DB, await hashToken(match[1]));
  if (!row) throw new ApiError("unauthorized", "访问令牌无效", undefined, CHALLENGE);
  if (row.revoked) throw new ApiError("token_revoked", "访问令牌已被撤销，请联系管理员", undefined, CHALLENGE);
  c.set("caller", row.caller);
  await next();
});

/** Answers 403 unless the caller has one of `roles`. Checked before any lookup, so it reveals nothing. */
export function requireRole(caller: Caller, ...roles: Caller["role"][]): void {
  if (!roles.includes(caller.role)) throw new ApiError("forbidden", "您的账号没有执行此操作的权限");
}
