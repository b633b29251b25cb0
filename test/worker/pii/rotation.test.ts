import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { readReport } from "../../../worker/db/reports";
import { masterKeys } from "../../../worker/pii/master-keys";
import { openSnapshot } from "../../../worker/pii/report-crypto";
import { roundKey } from "../../../worker/pii/round-keys";
import { api, patch, TOKENS } from "../helpers";
import { idNumber, rosterRows, seedPii } from "./pii-helpers";

/** Issue 12, rotation: after re-wrapping, the retired master key can leave the secret. */
const R = "pii-rotate";
const [CURRENT, OLD] = (env.PII_MASTER_KEYS as string).split(",") as [string, string];

beforeAll(async () => {
  await seedPii([R]);
  // The round's data key was made while the old key was current.
  await roundKey(env.DB, await masterKeys(OLD), R, null);
  expect((await patch(TOKENS.filler, R, "hs-tunxi", 0, rosterRows(1, 2))).status).toBe(200);
});

async function openWith(secret: string): Promise<string | undefined> {
  const s = await readReport(env.DB, R, "hs-tunxi", null);
  return (await openSnapshot({ db: env.DB, masterSecret: secret }, s!)).snapshot.values["roster.r1.idcard"];
}

describe("master key rotation", () => {
  it("re-wraps every round key with the current master key; values then open without the old one", async () => {
    await expect(openWith(CURRENT)).rejects.toThrow(/lacks key t1/);
    expect((await api(TOKENS.reviewer, "POST", "/pii/rotate")).status).toBe(403);
    const res = await api(TOKENS.admin, "POST", "/pii/rotate");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ current: "t2", rewrapped: 1, remaining: 0 });
    expect(await openWith(CURRENT)).toBe(idNumber(1));
    expect((await api(TOKENS.admin, "POST", "/pii/rotate")).body.rewrapped).toBe(0);
  });

  it("a malformed secret is refused with a clear error", async () => {
    await expect(masterKeys("k1:short")).rejects.toThrow(/id:base64 of 32 bytes/);
    await expect(masterKeys("")).rejects.toThrow(/PII_MASTER_KEYS is not set/);
  });
});
