import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

describe("the API docs page", () => {
  it("serves a docs page whose assets are all local", async () => {
    const page = await exports.default.fetch("http://huibiao.test/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/api/docs/docs.js");
    expect(html).not.toMatch(/https?:\/\/(?!huibiao)/);
    expect(page.headers.get("Content-Security-Policy")).toContain("default-src 'self'");
    for (const asset of ["/api/docs/docs.js", "/api/docs/docs.css"]) {
      const res = await exports.default.fetch(`http://huibiao.test${asset}`);
      expect(res.status).toBe(200);
      expect(await res.text()).not.toMatch(/https?:\/\//);
    }
  });
});
