import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../../../addin/sync/storage";
import { createAccount } from "../../../../addin/ui/sessions/account";
import { PaneStore } from "../../../../addin/ui/sessions/pane-store";
import { expiryNotice, hasExpired, signedOutMessage } from "../../../../addin/ui/sessions/token-expiry";

const now = new Date("2027-02-01T04:00:00.000Z");

describe("the token's expiry in the pane", () => {
  it("shows the day it expires, as a day in China", () => {
    // 2027-02-28T20:00Z is already 1 March in China.
    expect(expiryNotice("2027-02-28T20:00:00.000Z", now)).toEqual({ text: "登录有效期至 2027-03-01", warn: false });
    expect(expiryNotice(null, now)).toBeNull();
  });

  it("warns when fewer than 7 days are left, counting a part day as a day", () => {
    expect(expiryNotice("2027-02-08T04:00:00.000Z", now)?.warn).toBe(false);
    expect(expiryNotice("2027-02-08T03:59:59.000Z", now)).toEqual({
      text: "登录有效期至 2027-02-08，仅剩 7 天，请尽快向管理员申请新的令牌",
      warn: true,
    });
    expect(expiryNotice("2027-02-01T05:00:00.000Z", now)?.text).toContain("仅剩 1 天");
  });

  it("says it has expired once the instant has passed", () => {
    expect(expiryNotice("2027-02-01T04:00:00.000Z", now)).toEqual({
      text: "登录已于 2027-02-01 过期，请向管理员申请新的令牌",
      warn: true,
    });
    expect(hasExpired({ expiresAt: "2027-02-01T04:00:00.000Z" }, now)).toBe(true);
    expect(hasExpired({ expiresAt: "2027-02-01T04:00:01.000Z" }, now)).toBe(false);
    expect(hasExpired({ expiresAt: null }, now)).toBe(false);
    expect(hasExpired(null, now)).toBe(false);
  });

  it("asks for a new token after a refusal and says the queued edits are kept", () => {
    expect(signedOutMessage(true, 3)).toBe(
      "登录已过期，请输入管理员发放的新令牌。本机尚未同步的 3 项修改已保留，登录后继续同步",
    );
    expect(signedOutMessage(true, 0)).toBe("登录已过期，请输入管理员发放的新令牌");
    expect(signedOutMessage(false, 0)).toBe("登录已失效，请重新登录");
  });

  it("signing in with an expired token shows the server's sentence, other refusals the usual one", async () => {
    const refuse = (code: string, message: string) => async () =>
      new Response(JSON.stringify({ error: { code, message } }), {
        status: 401,
        headers: { "Content-Type": "application/json" },
      });
    const expiredMessage = "令牌已于 2027-03-01 10:00:00 过期，请向管理员申请新的令牌";
    const pane = new PaneStore(new MemoryStore());
    const expired = createAccount(pane, {
      apiBase: "https://pane.test/api/v1",
      fetch: refuse("token_expired", expiredMessage),
    });
    expect(await expired.signIn("hb_old")).toBe(expiredMessage);
    const unknown = createAccount(pane, {
      apiBase: "https://pane.test/api/v1",
      fetch: refuse("unauthorized", "访问令牌无效"),
    });
    expect(await unknown.signIn("hb_x")).toBe("令牌无效或已停用，请核对后重试");
    expect(pane.token).toBeNull();
  });
});
