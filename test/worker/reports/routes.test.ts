import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppEnv } from "../../../worker/env";
import { onError } from "../../../worker/errors";
import { api, patch, readVersion, seed, storageSnapshot, storedValues, TOKENS, type ApiResponse } from "../helpers";

const R = "r1";
const URL = `/rounds/${R}/reports/hs-tunxi`;

beforeAll(() => seed([{ id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]));

describe("GET a report", () => {
  it("returns values, status, version and an ETag", async () => {
    const res = await api(TOKENS.filler, "GET", URL);
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBe('"0"');
    expect(res.body).toEqual({
      round: R,
      unit: "hs-tunxi",
      unitName: "屯溪区总工会",
      status: "draft",
      version: 0,
      late: false,
      submittedAt: null,
      updatedAt: null,
      values: {},
      explanations: {},
      returnReason: null,
      locked: false,
      editable: true,
    });
  });

  it("answers 404 for an unknown round or unit", async () => {
    expect((await api(TOKENS.admin, "GET", `/rounds/nope/reports/hs-tunxi`)).status).toBe(404);
    expect((await api(TOKENS.admin, "GET", `/rounds/${R}/reports/nowhere`)).status).toBe(404);
    expect((await api(TOKENS.admin, "GET", `/rounds/${R}/reports/hs`)).status).toBe(404); // the root does not report
  });
});

describe("PATCH a report", () => {
  it("saves canonical values, bumps the version and returns the new ETag", async () => {
    const res = await patch(TOKENS.filler, R, "hs-tunxi", 0, [
      { cell: "total", value: "12.50" },
      { cell: "people", value: 30 },
      { cell: "roster.r1.name", value: "张小明" },
    ]);
    expect(res.status).toBe(200);
    expect(res.headers.get("ETag")).toBe('"1"');
    expect(res.body).toEqual({
      version: 1,
      status: "draft",
      values: { total: "12.5", people: "30", "roster.r1.name": "张小明" },
      explanations: {},
      merged: [],
    });
    expect(await storedValues(R, "hs-tunxi")).toEqual({ people: "30", "roster.r1.name": "张小明", total: "12.5" });
  });

  it("clears a cell with null and stores 上报说明", async () => {
    // A 说明 is only taken for a problem the report has after the save: W1 fires above 1000 people.
    const res = await patch(
      TOKENS.filler,
      R,
      "hs-tunxi",
      1,
      [
        { cell: "total", value: null },
        { cell: "people", value: 2000 },
      ],
      { explanations: { W1: "  今年受助人数确实较多  " } },
    );
    expect(res.status).toBe(200);
    expect(res.body.values).toEqual({ people: "2000", "roster.r1.name": "张小明" });
    expect(res.body.explanations).toEqual({ W1: "今年受助人数确实较多" });
    const got = await api(TOKENS.filler, "GET", URL);
    expect(got.body.explanations).toEqual({ W1: "今年受助人数确实较多" });
  });

  it("requires If-Match (428) that agrees with baseVersion (400)", async () => {
    const before = await storageSnapshot();
    const missing = await api(TOKENS.filler, "PATCH", URL, {
      baseVersion: 2,
      changes: [{ cell: "total", value: "1" }],
    });
    expect([missing.status, missing.body.error.code]).toEqual([428, "precondition_required"]);
    const disagree = await api(
      TOKENS.filler,
      "PATCH",
      URL,
      { baseVersion: 2, changes: [{ cell: "total", value: "1" }] },
      { "If-Match": '"1"' },
    );
    expect(disagree.status).toBe(400);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("answers 412 for an If-Match naming a version that never existed, or not an ETag", async () => {
    const before = await storageSnapshot();
    const future = await patch(TOKENS.filler, R, "hs-tunxi", 99, [{ cell: "total", value: "1" }]);
    expect([future.status, future.body.error.code]).toEqual([412, "precondition_failed"]);
    const weak = await api(TOKENS.filler, "PATCH", URL, { baseVersion: 2, changes: [] }, { "If-Match": 'W/"2"' });
    expect(weak.status).toBe(412);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("stores SQL-looking and formula-looking text verbatim", async () => {
    const nasty = [
      "Robert'); DROP TABLE reports;--",
      "1' OR '1'='1",
      '"; DELETE FROM audit; --',
      '=HYPERLINK("x")',
      "名字\\u0000",
    ];
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    const res = await patch(
      TOKENS.filler,
      R,
      "hs-tunxi",
      v,
      nasty.map((value, i) => ({ cell: `roster.s${i}.name`, value })),
    );
    expect(res.status).toBe(200);
    const stored = await storedValues(R, "hs-tunxi");
    nasty.forEach((value, i) => expect(stored[`roster.s${i}.name`]).toBe(value));
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM reports").first<{ n: number }>())?.n).toBeGreaterThan(0);
  });
});

describe("bad input leaves storage unchanged", () => {
  const cases: [string, () => Promise<ApiResponse>, number, string][] = [
    [
      "malformed JSON",
      () => api(TOKENS.filler, "PATCH", URL, '{"baseVersion": 3, "changes": [', { "If-Match": '"3"' }),
      400,
      "malformed_json",
    ],
    [
      "wrong types",
      () => api(TOKENS.filler, "PATCH", URL, { baseVersion: "3", changes: {} }, { "If-Match": '"3"' }),
      400,
      "invalid_request",
    ],
    [
      "a value of the wrong type",
      () => patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "total", value: true as unknown as string }]),
      400,
      "invalid_request",
    ],
    [
      "the same cell twice",
      () =>
        patch(TOKENS.filler, R, "hs-tunxi", 3, [
          { cell: "total", value: "1" },
          { cell: "total", value: "2" },
        ]),
      400,
      "invalid_request",
    ],
    [
      "an unknown cell",
      () =>
        patch(TOKENS.filler, R, "hs-tunxi", 3, [
          { cell: "total", value: "1" },
          { cell: "bogus", value: "1" },
        ]),
      422,
      "invalid_cells",
    ],
    [
      "a negative number",
      () => patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "total", value: "-1" }]),
      422,
      "invalid_cells",
    ],
    [
      "a negative JSON number",
      () => patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "people", value: -5 }]),
      422,
      "invalid_cells",
    ],
    [
      "a too-precise number",
      () => patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "total", value: "1.234" }]),
      422,
      "invalid_cells",
    ],
    [
      "a fraction in an integer cell",
      () => patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "people", value: "2.5" }]),
      422,
      "invalid_cells",
    ],
    [
      "text in a number cell",
      () => patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "total", value: "12a" }]),
      422,
      "invalid_cells",
    ],
    [
      "a 10 MB body",
      () => patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "roster.big.name", value: "x".repeat(10 * 1024 * 1024) }]),
      413,
      "payload_too_large",
    ],
    [
      "a text body",
      () => api(TOKENS.filler, "PATCH", URL, "baseVersion=3", { "If-Match": '"3"', "Content-Type": "text/plain" }),
      415,
      "unsupported_media_type",
    ],
    [
      "a bad Idempotency-Key",
      () =>
        patch(TOKENS.filler, R, "hs-tunxi", 3, [{ cell: "total", value: "1" }], { headers: { "Idempotency-Key": "" } }),
      400,
      "invalid_request",
    ],
  ];

  it.each(cases)("%s", async (_name, send, status, code) => {
    expect(await readVersion(TOKENS.filler, R, "hs-tunxi")).toBe(3);
    const before = await storageSnapshot();
    const res = await send();
    expect([res.status, res.body.error?.code]).toEqual([status, code]);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("names every bad cell in details", async () => {
    const res = await patch(TOKENS.filler, R, "hs-tunxi", 3, [
      { cell: "bogus", value: "1" },
      { cell: "total", value: "-1" },
    ]);
    expect(res.body.error.details.cells).toEqual([
      expect.objectContaining({ cell: "bogus", code: "unknown_cell" }),
      expect.objectContaining({ cell: "total", code: "invalid_value" }),
    ]);
  });
});

describe("unexpected errors", () => {
  it("become a 500 without internals", async () => {
    const app = new Hono<AppEnv>();
    app.get("/boom", () => {
      throw new Error("D1_ERROR: secret table layout");
    });
    app.onError(onError);
    const res = await app.request("/boom");
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({ error: { code: "internal", message: expect.any(String) } });
    expect(JSON.stringify(body)).not.toContain("D1_ERROR");
  });
});
