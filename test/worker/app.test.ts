import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, seed, TOKENS } from "./helpers";

beforeAll(() => seed());

describe("OpenAPI document", () => {
  it("serves openapi.json without a token, documenting every route", async () => {
    const res = await api(null, "GET", "/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const paths = Object.keys(res.body.paths);
    for (const p of [
      "/api/v1/me",
      "/api/v1/units",
      "/api/v1/tokens",
      "/api/v1/tokens/{id}",
      "/api/v1/templates",
      "/api/v1/templates/{id}/{version}",
      "/api/v1/templates/{id}/{version}/definition.xlsx",
      "/api/v1/rounds",
      "/api/v1/rounds/{id}",
      "/api/v1/rounds/{id}/lock",
      "/api/v1/rounds/{id}/reports",
      "/api/v1/rounds/{id}/reports/{unit}",
      "/api/v1/rounds/{id}/reports/{unit}/submit",
      "/api/v1/rounds/{id}/reports/{unit}/return",
      "/api/v1/rounds/{id}/reports/{unit}/approve",
      "/api/v1/rounds/{id}/reports/{unit}/history",
      "/api/v1/rounds/{id}/reports/{unit}/form.xlsx",
      "/api/v1/rounds/{id}/reports/{unit}/import",
      "/api/v1/rounds/{id}/reports/{unit}/rosters/{roster}/import",
      "/api/v1/rounds/{id}/forms.zip",
      "/api/v1/trend",
      "/api/v1/changes",
    ]) {
      expect(paths).toContain(p);
    }
    const patch = res.body.paths["/api/v1/rounds/{id}/reports/{unit}"].patch;
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(["200", "409", "412", "428"]));
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });
});

describe("HTTP hygiene", () => {
  it("sets secure headers and no-store on API answers", async () => {
    const res = await api(TOKENS.filler, "GET", "/me");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("keeps CORS closed by default", async () => {
    const res = await api(TOKENS.filler, "GET", "/me", undefined, { Origin: "https://evil.example" });
    expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const preflight = await exports.default.fetch("http://huibiao.test/api/v1/me", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });

  it("answers unknown API paths with a JSON 404", async () => {
    const res = await api(TOKENS.filler, "GET", "/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
