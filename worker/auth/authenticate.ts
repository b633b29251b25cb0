import { createMiddleware } from "hono/factory";
import type { AppEnv, Caller, DeferredToken } from "../env";
import { ApiError, errorResponse } from "../errors";
import { tokenFromRow, tokenStatement } from "../db/tokens";
import { chinaDateTime } from "../../schemas/time";
import { hashToken } from "./token";

/**
 * Who is calling: the request's bearer token resolved into `c.var.caller`, or a
 * 401. What that caller may then see and do is auth/scope.ts.
 */

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="huibiao"' };

/**
 * Routes that resolve the token in their own read batch: PATCH of a report
 * (worker/reports/save.ts). Every other route gets `c.var.caller` from the middleware.
 */
const DEFERRED: { method: string; path: RegExp }[] = [
  { method: "PATCH", path: /^\/api\/v1\/rounds\/[^/]+\/reports\/[^/]+$/ },
];

/**
 * The caller named by a token row (`tokenStatement`), or 401: unknown →
 * `unauthorized`, revoked → `token_revoked`, past its `expiresAt` → `token_expired`.
 * Marks a deferred token as checked.
 */
export function callerOf(row: unknown, deferred?: DeferredToken): Caller {
  if (deferred) deferred.checked = true;
  const token = tokenFromRow(row);
  if (!token) throw new ApiError("unauthorized", "访问令牌无效", undefined, CHALLENGE);
  if (token.revoked) throw new ApiError("token_revoked", "访问令牌已被撤销，请联系管理员", undefined, CHALLENGE);
  if (isExpired(token.caller)) {
    const at = chinaDateTime(token.caller.expiresAt as string);
    throw new ApiError("token_expired", `令牌已于 ${at} 过期，请向管理员申请新的令牌`, undefined, CHALLENGE);
  }
  return token.caller;
}

/**
 * Whether a caller's token has expired. Also asked of callers an isolate keeps
 * in memory (reports/known-reports.ts): expiry is time passing, not a change in
 * the database, so a cached caller must be checked against the clock each time.
 */
export function isExpired(caller: Pick<Caller, "expiresAt">, now: Date = new Date()): boolean {
  return caller.expiresAt !== null && caller.expiresAt <= now.toISOString();
}

/**
 * Resolves `Authorization: Bearer <token>` into `c.var.caller`, or answers 401.
 * On a DEFERRED route it only sets `c.var.deferredToken` and the route looks the
 * token up in its own batch. Safety net: if such a route answered without having
 * checked the token (it failed earlier, e.g. a 400 on its body, or a bug), the
 * token is looked up here and a bad one turns the answer into the 401 — a bad
 * token never gets anything but a 401, exactly as on every other route.
 */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
  if (!match?.[1]) throw new ApiError("unauthorized", "请先登录（缺少有效的访问令牌）", undefined, CHALLENGE);
  const hash = await hashToken(match[1]);
  if (!DEFERRED.some((d) => d.method === c.req.method && d.path.test(c.req.path))) {
    c.set("caller", callerOf(await tokenStatement(c.env.DB, hash).first()));
    return next();
  }
  const deferred: DeferredToken = { hash, checked: false };
  c.set("deferredToken", deferred);
  await next();
  if (deferred.checked) return;
  try {
    callerOf(await tokenStatement(c.env.DB, hash).first(), deferred);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    c.res = undefined; // drop the route's answer and its headers entirely
    c.res = errorResponse(c, err);
  }
});
