/**
 * When the signed-in token stops working (tokens expire since issue 12; the
 * Worker answers `expiresAt` in GET /me): the line the pane shows under who is
 * signed in, a warning in the last week, and the sentence after it has expired.
 */
import type { Me } from "../../../schemas/api/me";
import { chinaToday, DAY_MS } from "../../../schemas/time";

/** A week ahead is time enough to ask the federation's administrator for a new token. */
export const WARN_DAYS = 7;

export interface ExpiryNotice {
  text: string;
  warn: boolean;
}

/** `登录有效期至 2027-03-01` (the day in China), with a warning under a week; null when the token never expires. */
export function expiryNotice(expiresAt: string | null, now: Date): ExpiryNotice | null {
  if (expiresAt === null) return null;
  const at = Date.parse(expiresAt);
  if (Number.isNaN(at)) return null;
  const day = chinaToday(new Date(at));
  const left = at - now.getTime();
  if (left <= 0) return { text: `登录已于 ${day} 过期，请向管理员申请新的令牌`, warn: true };
  if (left < WARN_DAYS * DAY_MS) {
    const days = Math.ceil(left / DAY_MS);
    return { text: `登录有效期至 ${day}，仅剩 ${days} 天，请尽快向管理员申请新的令牌`, warn: true };
  }
  return { text: `登录有效期至 ${day}`, warn: false };
}

/** Whether the token of `me` has passed its expiry (the pane's own clock; the server's 401 is the judge). */
export function hasExpired(me: Pick<Me, "expiresAt"> | null, now: Date): boolean {
  return me?.expiresAt != null && Date.parse(me.expiresAt) <= now.getTime();
}

/** What the pane says when the server refused the token: expired → ask for a new one; queued edits are kept. */
export function signedOutMessage(expired: boolean, unsent: number): string {
  const ask = expired ? "登录已过期，请输入管理员发放的新令牌" : "登录已失效，请重新登录";
  return unsent > 0 ? `${ask}。本机尚未同步的 ${unsent} 项修改已保留，登录后继续同步` : ask;
}
