import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, storageSnapshot, TOKENS, type ApiResponse } from "../helpers";
import { seedRosterRounds } from "./roster-file-fixtures";

/** The route: the body as bytes or multipart, the query, who may call it (the service itself: roster-import.test.ts). */
const R = "roster-route";
const UNIT = "hs-tunxi";
const path = (unit = UNIT, query = "") => `/rounds/${R}/reports/${unit}/rosters/roster/import${query}`;

beforeAll(async () => {
  await seedRosterRounds([R]);
});

/** POSTs raw bytes (or a FormData) as a client uploading a file would. */
async function upload(
  token: string | null,
  body: Uint8Array | FormData,
  { unit = UNIT, query = "", type = "text/csv" } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (!(body instanceof FormData)) headers["Content-Type"] = type;
  const res = await exports.default.fetch(`http://huibiao.test/api/v1${path(unit, query)}`, {
    method: "POST",
    headers,
    body,
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("the OpenAPI document", () => {
  it("documents the route with its query and its refusals", async () => {
    const doc = await api(null, "GET", "/openapi.json");
    const route = doc.body.paths["/api/v1/rounds/{id}/reports/{unit}/rosters/{roster}/import"].post;
    expect(route.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["id", "unit", "roster", "mode", "sheet"]),
    );
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(["200", "403", "404", "409", "415", "422"]));
  });
});

describe("who may import, before the file is read", () => {
  it("401 without a token; 404 for a unit not seen; 403 for a reviewer; nothing written", async () => {
    const before = await storageSnapshot();
    const csv = utf8("学生姓名,身份证号,助学金额\n张三,x,1\n");
    expect((await upload(null, csv)).status).toBe(401);
    expect((await upload(TOKENS.fillerHuizhou, csv)).body.error.code).toBe("not_found");
    expect((await upload(TOKENS.reviewer, csv)).body.error.code).toBe("forbidden");
    expect((await upload(TOKENS.filler, csv, { unit: "hs-huizhou" })).status).toBe(404);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("400 for an unknown mode or roster key", async () => {
    expect((await upload(TOKENS.filler, utf8("a"), { query: "?mode=merge" })).body.error.code).toBe("invalid_request");
    const res = await api(TOKENS.filler, "POST", `/rounds/${R}/reports/${UNIT}/rosters/Bad-Key/import`, "a", {
      "Content-Type": "text/csv",
    });
    expect(res.status).toBe(400);
  });

  it("an empty body or a form without the file field is a 400", async () => {
    expect((await upload(TOKENS.filler, new Uint8Array())).body.error.message).toContain("没有收到文件内容");
    const form = new FormData();
    form.set("other", "x");
    expect((await upload(TOKENS.filler, form)).body.error.message).toContain("表单字段 file");
  });
});
