import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient, type FetchLike } from "../../../addin/sync/api-client";
import { versionOfEtag } from "../../../addin/sync/api-result";

interface Seen {
  url: string;
  init: RequestInit;
}

function client(
  answer: (url: string, init: RequestInit) => Response | Promise<Response>,
  token: string | null = "hb_abc",
) {
  const seen: Seen[] = [];
  const fetch: FetchLike = async (url, init) => {
    seen.push({ url, init });
    return answer(url, init);
  };
  return { api: createApiClient({ fetch, token: () => token }), seen };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const header = (s: Seen | undefined, name: string) => (s?.init.headers as Record<string, string> | undefined)?.[name];

const me = {
  tokenId: 3,
  role: "filler",
  label: "屯溪区总工会 张三",
  unit: { code: "hs-tunxi", name: "屯溪区总工会", parent: "hs", path: "/hs/hs-tunxi/" },
  expiresAt: "2027-03-01T02:00:00.000Z",
};

const report = {
  round: "hs-2022-activity",
  unit: "hs-tunxi",
  unitName: "屯溪区总工会",
  status: "draft",
  version: 4,
  late: false,
  submittedAt: null,
  updatedAt: "2022-09-01T02:00:00.000Z",
  values: { raised: "12.5" },
  explanations: {},
  returnReason: null,
  locked: false,
  editable: true,
};

afterEach(() => {
  vi.useRealTimers();
});

describe("api client", () => {
  it("GET /me with the bearer token on the same origin, parsed", async () => {
    const { api, seen } = client(() => json(200, me));
    const res = await api.me();
    expect(res).toEqual({ ok: true, status: 200, data: me, etag: null });
    expect(seen[0]?.url).toBe("/api/v1/me");
    expect(header(seen[0], "Authorization")).toBe("Bearer hb_abc");
  });

  it("sends no Authorization header when signed out", async () => {
    const { api, seen } = client(
      () => json(401, { error: { code: "unauthorized", message: "请先登录（缺少有效的访问令牌）" } }),
      null,
    );
    const res = await api.rounds();
    expect(header(seen[0], "Authorization")).toBeUndefined();
    expect(res).toEqual({
      ok: false,
      offline: false,
      status: 401,
      code: "unauthorized",
      message: "请先登录（缺少有效的访问令牌）",
      details: undefined,
    });
  });

  it("gets a report with its version from the ETag", async () => {
    const { api, seen } = client(() => json(200, report, { ETag: '"4"' }));
    const res = await api.report("hs-2022-activity", "hs-tunxi");
    expect(seen[0]?.url).toBe("/api/v1/rounds/hs-2022-activity/reports/hs-tunxi");
    expect(res.ok && res.data.version).toBe(4);
    expect(res.ok && res.data.report.values).toEqual({ raised: "12.5" });
  });

  it("PATCH carries If-Match = baseVersion, the Idempotency-Key and the body as given", async () => {
    const { api, seen } = client(() =>
      json(
        200,
        { version: 5, status: "draft", values: { raised: "13" }, explanations: { w: "说明" }, merged: [] },
        { ETag: '"5"' },
      ),
    );
    const body = { baseVersion: 4, changes: [{ cell: "raised", value: 13 }], explanations: { w: "说明" } };
    const res = await api.patchReport("hs-2022-activity", "hs-tunxi", body, "key-1");
    expect(seen[0]?.init.method).toBe("PATCH");
    expect(header(seen[0], "If-Match")).toBe('"4"');
    expect(header(seen[0], "Idempotency-Key")).toBe("key-1");
    expect(header(seen[0], "Content-Type")).toBe("application/json");
    expect(seen[0]?.init.body).toBe(JSON.stringify(body));
    expect(res.ok && res.data.version).toBe(5);
  });

  it("submit is a POST with If-Match and no body", async () => {
    const { api, seen } = client(() => json(200, { ...report, status: "submitted", version: 5 }));
    const res = await api.submit("hs-2022-activity", "hs-tunxi", 4);
    expect(seen[0]?.url).toBe("/api/v1/rounds/hs-2022-activity/reports/hs-tunxi/submit");
    expect(seen[0]?.init.method).toBe("POST");
    expect(seen[0]?.init.body).toBeUndefined();
    expect(header(seen[0], "If-Match")).toBe('"4"');
    expect(res.ok && res.data.status).toBe("submitted");
  });

  it("the changes feed passes its cursor as a query", async () => {
    const { api, seen } = client(() => json(200, { events: [], cursor: 17, more: false }));
    const res = await api.changes({ since: 17, round: "hs-2022-activity" });
    expect(seen[0]?.url).toBe("/api/v1/changes?since=17&round=hs-2022-activity");
    expect(res.ok && res.data.cursor).toBe(17);
  });

  it("units, round, roundReports, templates hit their paths", async () => {
    const { api, seen } = client((url) =>
      json(
        200,
        url.endsWith("/units")
          ? { roots: [{ code: "hs", name: "黄山市总工会", children: [] }] }
          : url.endsWith("/reports")
            ? { reports: [] }
            : url.endsWith("/templates")
              ? { templates: [] }
              : {
                  id: "r-1",
                  templateId: "t",
                  templateVersion: 1,
                  title: "表",
                  period: "2022",
                  dueDate: "2022-10-10",
                  rootUnit: "hs",
                  status: "open",
                  createdAt: "x",
                  lockedAt: null,
                },
      ),
    );
    expect((await api.units()).ok).toBe(true);
    expect((await api.round("r-1")).ok).toBe(true);
    expect((await api.roundReports("r-1")).ok).toBe(true);
    expect((await api.templates()).ok).toBe(true);
    expect(seen.map((s) => s.url)).toEqual([
      "/api/v1/units",
      "/api/v1/rounds/r-1",
      "/api/v1/rounds/r-1/reports",
      "/api/v1/templates",
    ]);
  });

  it("an error answer carries the server's zh-CN message and details", async () => {
    const conflicts = [{ cell: "raised", base: "1", theirs: "2", mine: "3" }];
    const { api } = client(() =>
      json(409, { error: { code: "edit_conflict", message: "该报表已被他人修改", details: { conflicts } } }),
    );
    const res = await api.patchReport("r", "u", { baseVersion: 1, changes: [], explanations: {} }, "k");
    expect(res).toEqual({
      ok: false,
      offline: false,
      status: 409,
      code: "edit_conflict",
      message: "该报表已被他人修改",
      details: { conflicts },
    });
  });

  it("a rejected fetch is offline, never a throw", async () => {
    const { api } = client(() => {
      throw new TypeError("Failed to fetch");
    });
    const res = await api.me();
    expect(res).toMatchObject({ ok: false, offline: true });
    expect(!res.ok && res.message).toContain("网络");
  });

  it("a gateway page instead of JSON is an http failure with a zh-CN message", async () => {
    const { api } = client(() => new Response("<html>Bad Gateway</html>", { status: 502 }));
    expect(await api.me()).toEqual({
      ok: false,
      offline: false,
      status: 502,
      code: "http_502",
      message: "服务器暂时无法处理，请稍后重试",
      details: undefined,
    });
  });

  it("a 2xx body that does not fit the schema is a bad_response, not data", async () => {
    const { api } = client(() => json(200, { tokenId: "three" }));
    const res = await api.me();
    expect(res).toMatchObject({ ok: false, offline: false, status: 200, code: "bad_response" });
  });

  it("a request that hangs is abandoned after the timeout and reported offline", async () => {
    vi.useFakeTimers();
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) =>
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      );
    const api = createApiClient({ fetch, token: () => "t", timeoutMs: 5000 });
    const pending = api.me();
    await vi.advanceTimersByTimeAsync(5000);
    expect(await pending).toMatchObject({ ok: false, offline: true });
  });

  it("reads weak and strong ETags", () => {
    expect(versionOfEtag('"12"')).toBe(12);
    expect(versionOfEtag('W/"3"')).toBe(3);
    expect(versionOfEtag("abc")).toBeNull();
    expect(versionOfEtag(null)).toBeNull();
  });
});
