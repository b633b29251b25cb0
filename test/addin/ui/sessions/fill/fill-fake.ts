/**
 * The few routes /fill.html calls, behind a `fetch`: /me, the rounds, a report
 * (GET, PATCH of 上报说明, submit) and the form workbook routes, each answering
 * what a test sets. Requests are recorded, so a test can say what was sent.
 */
import type { FetchLike } from "../../../../../addin/sync/api-client";
import type { ImportAnswer } from "../../../../../addin/sync/form-file-guards";
import type { Problem } from "../../../../../schemas/problem";

export const TOKEN = "hb_fill_test";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ETag: "" } });

export const ME = {
  tokenId: 7,
  role: "filler",
  label: "黄浦区",
  unit: { code: "sh-huangpu", name: "黄浦区总工会", parent: "sh", path: "/sh/sh-huangpu/" },
  expiresAt: null,
};

export const ROUND = {
  id: "sh-2014-jqzx",
  templateId: "sh-jqzx",
  templateVersion: 1,
  title: "2014年上海工会金秋助学情况统计表",
  period: "2014",
  dueDate: "2014-09-01",
  rootUnit: "sh",
  status: "open",
  createdAt: "2014-08-01T00:00:00.000Z",
  lockedAt: null,
};

export class FillFake {
  version = 3;
  status: "draft" | "submitted" | "returned" | "approved" = "draft";
  explanations: Record<string, string> = {};
  /** The next upload's answer: a body for 200, or a status and error. */
  importAnswer: ImportAnswer | { status: number; error: { code: string; message: string; details?: unknown } } = {
    report: { version: 4, status: "draft" },
    changed: 12,
    merged: 0,
    problems: { errors: [], warnings: [] },
  };
  /** Answers of the next uploads, first to last; `importAnswer` once they are used up. */
  readonly importQueue: FillFake["importAnswer"][] = [];
  /** Problems a submit finds (errors, or warnings without 上报说明 under their id). */
  submitProblems: Problem[] = [];
  /** false: every request fails as if the cable were pulled. */
  up = true;
  /** Status of the next PATCH, when it should fail. */
  failPatch: number | null = null;
  readonly requests: { method: string; path: string; body: unknown }[] = [];

  readonly fetch: FetchLike = async (url, init) => {
    const path = new URL(url, "http://x").pathname.replace(/^\/api\/v1/, "");
    const method = init.method ?? "GET";
    const body = typeof init.body === "string" ? JSON.parse(init.body) : init.body;
    this.requests.push({ method, path, body });
    if (!this.up) throw new TypeError("Failed to fetch");
    const auth = (init.headers as Record<string, string>).Authorization;
    if (auth !== `Bearer ${TOKEN}`) return json(401, { error: { code: "unauthorized", message: "访问令牌无效" } });
    const report = `/rounds/${ROUND.id}/reports/sh-huangpu`;
    if (path === "/me") return json(200, ME);
    if (path === "/rounds") return json(200, { rounds: [ROUND] });
    if (path === `/rounds/${ROUND.id}/reports`) return json(200, { reports: [this.summary()] });
    if (path === report && method === "GET") return json(200, this.report());
    if (path === report && method === "PATCH") return this.patch(body as { explanations: Record<string, string> });
    if (path === `${report}/submit`) return this.submit(init.headers as Record<string, string>);
    if (path === `${report}/import`) {
      const a = this.importQueue.shift() ?? this.importAnswer;
      if ("error" in a) return json(a.status, { error: a.error });
      this.version = a.report.version;
      return json(200, a);
    }
    if (path === `${report}/form.xlsx`)
      return new Response(new Uint8Array([0x50, 0x4b, 3, 4]), {
        headers: { "Content-Disposition": 'attachment; filename="form.xlsx"' },
      });
    return json(404, { error: { code: "not_found", message: "请求的内容不存在" } });
  };

  private summary() {
    return {
      round: ROUND.id,
      unit: "sh-huangpu",
      unitName: "黄浦区总工会",
      status: this.status,
      version: this.version,
      late: false,
      submittedAt: null,
      updatedAt: null,
    };
  }

  private report() {
    const editable = this.status === "draft" || this.status === "returned";
    return {
      ...this.summary(),
      values: {},
      explanations: this.explanations,
      returnReason: null,
      locked: false,
      editable,
    };
  }

  private patch(body: { explanations: Record<string, string> }): Response {
    if (this.failPatch) return json(this.failPatch, { error: { code: "internal", message: "服务器内部错误" } });
    this.explanations = { ...this.explanations, ...body.explanations };
    this.version += 1;
    return json(200, {
      version: this.version,
      status: this.status,
      values: {},
      explanations: this.explanations,
      merged: [],
    });
  }

  private submit(headers: Record<string, string>): Response {
    if (headers["If-Match"] !== `"${this.version}"`)
      return json(412, { error: { code: "precondition_failed", message: "报表已被修改" } });
    const unexplained = this.submitProblems.filter((p) => p.severity === "error" || !this.explanations[p.id]?.trim());
    if (unexplained.length > 0) {
      const errors = unexplained.some((p) => p.severity === "error");
      return json(422, {
        error: {
          code: errors ? "has_errors" : "missing_explanations",
          message: errors ? "报表还有错误，不能上报" : "以下警告需要填写上报说明",
          details: { problems: unexplained },
        },
      });
    }
    this.status = "submitted";
    return json(200, { ...this.report(), submittedAt: "2014-08-30T00:00:00.000Z" });
  }
}
