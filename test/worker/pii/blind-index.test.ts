import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { blindIndex, indexedText, indexKey } from "../../../worker/pii/blind-index";

describe("blind index", () => {
  it("one number gives one index whatever its spelling, and an ID number never matches a card number", async () => {
    const key = await indexKey(env.PII_INDEX_KEY);
    const id = "11010519491231002X";
    expect(await blindIndex(key, "idcard", id)).toBe(await blindIndex(key, "idcard", "110105 19491231002x"));
    expect(await blindIndex(key, "bankcard", "6222 0202 0011 2233 445")).toBe(
      await blindIndex(key, "bankcard", "6222020200112233445"),
    );
    const digits = "110105194912310021";
    expect(await blindIndex(key, "idcard", digits)).not.toBe(await blindIndex(key, "bankcard", digits));
    expect(indexedText("idcard", digits)).toBe(`idcard:${digits}`);
  });

  it("another key gives another index: without the key an index cannot be checked against a guess", async () => {
    const other = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
    const id = "11010519491231002X";
    const a = await blindIndex(await indexKey(env.PII_INDEX_KEY), "idcard", id);
    const b = await blindIndex(await indexKey(other), "idcard", id);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it("refuses a missing or short key", async () => {
    await expect(indexKey(undefined)).rejects.toThrow(/PII_INDEX_KEY/);
    await expect(indexKey(btoa("short"))).rejects.toThrow(/32 bytes/);
  });
});
