import { beforeAll, describe, expect, it } from "vitest";
import { api, patch, readVersion, seed, storageSnapshot, TOKENS } from "../helpers";

const R = "w1";
const LATE = "w-late";
const base = (round: string, unit: string) => `/rounds/${round}/reports/${unit}`;

beforeAll(() =>
  seed([
    { id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" },
    { id: LATE, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", dueDate: "2022-09-30" },
  ]),
);

async function act(token: string, round: string, unit: string, action: string, body?: unknown, ifMatch?: number) {
  const version = ifMatch ?? (await readVersion(TOKENS.admin, round, unit));
  return api(token, "POST", `${base(round, unit)}/${action}`, body, { "If-Match": `"${version}"` });
}

describe("submit", () => {
  it("refuses a report with rule errors (422 has_errors), writing nothing", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    expect(
      (
        await patch(TOKENS.filler, R, "hs-tunxi", v, [
          { cell: "total", value: "10" },
          { cell: "part", value: "20" },
        ])
      ).status,
    ).toBe(200);
    const before = await storageSnapshot();
    const res = await act(TOKENS.filler, R, "hs-tunxi", "submit");
    expect([res.status, res.body.error.code]).toEqual([422, "has_errors"]);
    expect(res.body.error.details.problems).toEqual([expect.objectContaining({ id: "R1", severity: "error" })]);
    expect(await storageSnapshot()).toEqual(before);
  });

  it("refuses warnings without a 上报说明 (422 missing_explanations)", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    expect(
      (
        await patch(TOKENS.filler, R, "hs-tunxi", v, [
          { cell: "part", value: "5" },
          { cell: "people", value: "1200" },
        ])
      ).status,
    ).toBe(200);
    const res = await act(TOKENS.filler, R, "hs-tunxi", "submit");
    expect([res.status, res.body.error.code]).toEqual([422, "missing_explanations"]);
    expect(res.body.error.details.problems).toEqual([expect.objectContaining({ id: "W1", severity: "warning" })]);
  });

  it("needs If-Match (428) equal to the current version (412)", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    const missing = await api(TOKENS.filler, "POST", `${base(R, "hs-tunxi")}/submit`);
    expect([missing.status, missing.body.error.code]).toEqual([428, "precondition_required"]);
    const stale = await act(TOKENS.filler, R, "hs-tunxi", "submit", undefined, v - 1);
    expect([stale.status, stale.body.error.code]).toEqual([412, "precondition_failed"]);
    expect(stale.body.error.details).toEqual({ version: v });
  });

  it("submits once every warning is explained; not late before the due date", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    expect((await patch(TOKENS.filler, R, "hs-tunxi", v, [], { explanations: { W1: "含外区借读学生" } })).status).toBe(
      200,
    );
    const res = await act(TOKENS.filler, R, "hs-tunxi", "submit");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "submitted", late: false, version: v + 2, editable: false });
    expect(res.headers.get("ETag")).toBe(`"${v + 2}"`);
    expect(res.body.submittedAt).toEqual(expect.any(String));
  });

  it("makes a submitted report read-only and refuses a second submit (409 with the status)", async () => {
    const v = await readVersion(TOKENS.filler, R, "hs-tunxi");
    const edit = await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "total", value: "11" }]);
    expect([edit.status, edit.body.error.code, edit.body.error.details.status]).toEqual([
      409,
      "invalid_transition",
      "submitted",
    ]);
    const again = await act(TOKENS.filler, R, "hs-tunxi", "submit");
    expect([again.status, again.body.error.details.status]).toEqual([409, "submitted"]);
  });

  it("flags a submit after the due date (China Standard Time) as late", async () => {
    const res = await act(TOKENS.fillerHuizhou, LATE, "hs-huizhou", "submit");
    expect(res.status).toBe(200);
    expect(res.body.late).toBe(true);
    const list = await api(TOKENS.cityReviewer, "GET", `/rounds/${LATE}/reports`);
    expect(list.body.reports.find((r: { unit: string }) => r.unit === "hs-huizhou")).toMatchObject({
      status: "submitted",
      late: true,
    });
  });
});

describe("return and approve", () => {
  it("requires a reason to return (400)", async () => {
    const res = await act(TOKENS.cityReviewer, R, "hs-tunxi", "return", { reason: "  " });
    expect([res.status, res.body.error.code]).toEqual([400, "invalid_request"]);
    expect((await act(TOKENS.cityReviewer, R, "hs-tunxi", "return")).status).toBe(400);
  });

  it("returns with a reason: editable again, reason shown", async () => {
    const res = await act(TOKENS.cityReviewer, R, "hs-tunxi", "return", { reason: "第 2 项人数与名册不符" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "returned", returnReason: "第 2 项人数与名册不符" });
    const filler = await api(TOKENS.filler, "GET", base(R, "hs-tunxi"));
    expect(filler.body).toMatchObject({ status: "returned", editable: true, returnReason: "第 2 项人数与名册不符" });
    const v = filler.body.version;
    expect((await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "people", value: "900" }])).status).toBe(200);
  });

  it("refuses to approve what is not submitted (409 with the status)", async () => {
    const res = await act(TOKENS.cityReviewer, R, "hs-tunxi", "approve");
    expect([res.status, res.body.error.code, res.body.error.details.status]).toEqual([
      409,
      "invalid_transition",
      "returned",
    ]);
    const back = await act(TOKENS.cityReviewer, R, "hs-tunxi", "return", { reason: "再次退回" });
    expect([back.status, back.body.error.details.status]).toEqual([409, "returned"]);
  });

  it("approves a resubmitted report: read-only from then on", async () => {
    expect((await act(TOKENS.filler, R, "hs-tunxi", "submit")).status).toBe(200);
    const res = await act(TOKENS.cityReviewer, R, "hs-tunxi", "approve");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "approved", editable: false, returnReason: null });
    const v = res.body.version;
    expect((await patch(TOKENS.filler, R, "hs-tunxi", v, [{ cell: "people", value: "1" }])).status).toBe(409);
    expect((await act(TOKENS.filler, R, "hs-tunxi", "submit")).status).toBe(409);
  });
});

describe("lock", () => {
  it("is for admins only (403)", async () => {
    for (const t of [TOKENS.filler, TOKENS.reviewer, TOKENS.cityReviewer]) {
      expect((await api(t, "POST", `/rounds/${R}/lock`)).status).toBe(403);
    }
  });

  it("makes nothing editable; a second lock is a 409", async () => {
    const res = await api(TOKENS.admin, "POST", `/rounds/${R}/lock`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "locked", lockedAt: expect.any(String) });

    const v = await readVersion(TOKENS.fillerA, R, "hs-tunxi-a");
    const before = await storageSnapshot();
    const edit = await patch(TOKENS.fillerA, R, "hs-tunxi-a", v, [{ cell: "total", value: "1" }]);
    expect([edit.status, edit.body.error.code]).toEqual([409, "round_locked"]);
    const submit = await act(TOKENS.fillerA, R, "hs-tunxi-a", "submit");
    expect([submit.status, submit.body.error.code]).toEqual([409, "round_locked"]);
    const ret = await act(TOKENS.admin, R, "hs-tunxi", "return", { reason: "x" });
    expect([ret.status, ret.body.error.code]).toEqual([409, "round_locked"]);
    expect(await storageSnapshot()).toEqual(before);

    const report = await api(TOKENS.fillerA, "GET", base(R, "hs-tunxi-a"));
    expect(report.body).toMatchObject({ locked: true, editable: false });
    const again = await api(TOKENS.admin, "POST", `/rounds/${R}/lock`);
    expect([again.status, again.body.error.code, again.body.error.details.status]).toEqual([
      409,
      "invalid_transition",
      "locked",
    ]);
  });

  it("is a 404 for an unknown round", async () => {
    expect((await api(TOKENS.admin, "POST", `/rounds/nope/lock`)).status).toBe(404);
  });
});

describe("history", () => {
  it("shows every step of the workflow with who did it", async () => {
    const res = await api(TOKENS.reviewer, "GET", `${base(R, "hs-tunxi")}/history`);
    expect(res.status).toBe(200);
    const steps = res.body.entries.map((e: { action: string; actor: string }) => `${e.action}:${e.actor}`);
    expect(steps.filter((s: string) => !s.startsWith("patch"))).toEqual([
      "submit:屯溪区 张三",
      "return:市总 权益保障部",
      "submit:屯溪区 张三",
      "approve:市总 权益保障部",
      "lock:管理员",
    ]);
    const ret = res.body.entries.find((e: { action: string }) => e.action === "return");
    expect(ret.detail).toEqual({ reason: "第 2 项人数与名册不符" });
    const submit = res.body.entries.find((e: { action: string }) => e.action === "submit");
    expect(submit.detail).toEqual({ warnings: ["W1"], late: false });
  });
});
