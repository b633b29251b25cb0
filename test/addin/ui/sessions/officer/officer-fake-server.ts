/**
 * Just enough of the Worker for the officer pane, behind a `fetch`: reports of
 * a few Shanghai units with status and version, the consolidation of a node
 * (exact sums, matrix, completeness, 上报说明), the report list, a report and
 * its history, return/approve with If-Match, the change feed and an export.
 */
import type { FetchLike } from "../../../../../addin/sync/api-client";
import type { ChangeEvent } from "../../../../../schemas/api/changes";
import type { Consolidation, UnitStatus } from "../../../../../schemas/api/consolidation";
import type { UnitTreeNode } from "../../../../../schemas/api/me";
import type { HistoryEntry, Report, ReportStatus } from "../../../../../schemas/api/reports";
import type { Round } from "../../../../../schemas/api/rounds";
import { numericCells } from "../../../../../schemas/layout/officer/matrix-sheet";
import type { Template } from "../../../../../schemas/template";
import { validate } from "../../../../../schemas/validate";
import { sumValues } from "../../../../schemas/layout/officer/fixtures";

export interface FakeUnit {
  code: string;
  name: string;
  /** Parent node in the tree (sh or sh-ju). */
  parent: string;
  status: ReportStatus;
  version: number;
  values: Record<string, string>;
  explanations: Record<string, string>;
  returnReason: string | null;
  late: boolean;
  history: HistoryEntry[];
}

export const ROUND: Round = {
  id: "sh-2014-jqzx",
  templateId: "sh-2014-jqzx",
  templateVersion: 1,
  title: "2014年上海工会金秋助学情况统计表",
  period: "2014",
  dueDate: "2014-09-01",
  rootUnit: "sh",
  status: "open",
  createdAt: "2014-08-01T00:00:00.000Z",
  lockedAt: null,
};

const NAMES: Record<string, string> = { sh: "上海市总工会", "sh-ju": "局(产业)工会" };

export class FakeOfficerServer {
  readonly units: FakeUnit[];
  readonly events: ChangeEvent[] = [];
  readonly requests: { method: string; path: string; headers: Record<string, string>; body: unknown }[] = [];
  up = true;
  /** The officer's token was revoked: every request is a 401. */
  refuseToken = false;

  constructor(readonly template: Template) {
    const u = (code: string, name: string, parent: string): FakeUnit => ({
      code,
      name,
      parent,
      status: "draft",
      version: 0,
      values: {},
      explanations: {},
      returnReason: null,
      late: false,
      history: [],
    });
    // Not in tree order on purpose: the sheets must follow the tree, not this list.
    this.units = [
      u("sh-ju-jiaoyu", "上海市教育工会", "sh-ju"),
      u("sh-xuhui", "徐汇区总工会", "sh"),
      u("sh-huangpu", "黄浦区总工会", "sh"),
    ];
  }

  tree(): UnitTreeNode[] {
    const leaf = (x: FakeUnit) => ({ code: x.code, name: x.name, children: [] });
    const unit = (code: string) => this.units.find((x) => x.code === code) as FakeUnit;
    return [
      {
        code: "sh",
        name: NAMES.sh as string,
        children: [
          leaf(unit("sh-huangpu")),
          leaf(unit("sh-xuhui")),
          { code: "sh-ju", name: NAMES["sh-ju"] as string, children: [leaf(unit("sh-ju-jiaoyu"))] },
        ],
      },
    ];
  }

  unit(code: string): FakeUnit {
    return this.units.find((x) => x.code === code) as FakeUnit;
  }

  /** A filler saves and submits (one feed event each). */
  submit(code: string, values: Record<string, string>, explanations: Record<string, string> = {}): void {
    const x = this.unit(code);
    x.values = { ...values };
    x.explanations = { ...explanations };
    x.version++;
    x.history.push({
      version: x.version,
      at: "2014-09-02T02:00:00.000Z",
      actor: `${x.name}（填报）`,
      role: "filler",
      action: "patch",
      detail: {},
      cells: Object.entries(values)
        .slice(0, 2)
        .map(([cell, v]) => ({ cell, old: null, new: v })),
    });
    this.event(x, "patch");
    x.status = "submitted";
    x.late = true;
    x.returnReason = null;
    x.version++;
    x.history.push({
      version: x.version,
      at: "2014-09-02T02:01:00.000Z",
      actor: `${x.name}（填报）`,
      role: "filler",
      action: "submit",
      detail: {},
      cells: [],
    });
    this.event(x, "submit");
  }

  private event(x: FakeUnit, kind: ChangeEvent["kind"]): void {
    this.events.push({
      cursor: this.events.length + 1,
      round: ROUND.id,
      unit: x.code,
      version: x.version,
      kind,
      status: x.status,
      cells: [],
      at: "2014-09-02T02:00:00.000Z",
    });
  }

  private inNode(x: FakeUnit, node: string): boolean {
    return node === "sh" || x.parent === node || x.code === node;
  }

  consolidation(node: string): Consolidation {
    const included = this.units.filter(
      (x) => this.inNode(x, node) && (x.status === "submitted" || x.status === "approved"),
    );
    const all = this.units.filter((x) => this.inNode(x, node));
    const status = (x: FakeUnit): UnitStatus => ({
      code: x.code,
      name: x.name,
      status: x.status,
      late: x.late || x.status === "draft",
      submittedAt: x.status === "draft" ? null : "2014-09-02T02:01:00.000Z",
      ...this.counts(x),
    });
    const cells = numericCells(this.template).map((r) => r.cell);
    const totals = sumValues(
      this.template,
      included.map((x) => x.values),
    );
    const n = (s: ReportStatus) => all.filter((x) => x.status === s).length;
    return {
      round: ROUND.id,
      template: { id: this.template.id, version: this.template.version, title: this.template.title },
      period: "2014",
      dueDate: ROUND.dueDate,
      unit: { code: node, name: NAMES[node] ?? node },
      include: ["submitted", "approved"],
      generatedAt: "2014-09-02T03:00:00.000Z",
      completeness: {
        expected: all.length,
        reported: n("submitted") + n("approved"),
        byStatus: { draft: n("draft"), submitted: n("submitted"), returned: n("returned"), approved: n("approved") },
        late: all.filter((x) => status(x).late).length,
        lateUnits: all.map(status).filter((s) => s.late),
        missing: all.filter((x) => x.status === "draft" || x.status === "returned").map(status),
      },
      totals,
      matrix: { units: included.map(status), cells, rows: cells.map((c) => included.map((x) => x.values[c] ?? "")) },
      rosters: [],
      problems: validate(this.template, totals).map((p) => ({
        id: p.id,
        ruleId: p.ruleId,
        severity: p.severity,
        cells: p.cells,
        message: p.message,
      })),
      notes: included.flatMap((x) =>
        Object.entries(x.explanations).map(([problemId, text]) => ({
          unit: x.code,
          unitName: x.name,
          status: x.status,
          problemId,
          text,
          message: null,
          severity: "warning" as const,
        })),
      ),
    };
  }

  /** The rules on a unit's values, as the Worker counts them at save; null before its first save. */
  private counts(x: FakeUnit): Pick<UnitStatus, "errors" | "warnings" | "unexplained"> {
    if (x.version === 0) return { errors: null, warnings: null, unexplained: null };
    const problems = validate(this.template, x.values);
    const warnings = problems.filter((p) => p.severity === "warning");
    return {
      errors: problems.filter((p) => p.severity === "error").length,
      warnings: warnings.length,
      unexplained: warnings.filter((p) => !x.explanations[p.id]?.trim()).length,
    };
  }

  private report(x: FakeUnit): Report {
    return {
      round: ROUND.id,
      unit: x.code,
      unitName: x.name,
      status: x.status,
      version: x.version,
      late: x.late,
      submittedAt: null,
      updatedAt: null,
      values: x.values,
      explanations: x.explanations,
      returnReason: x.returnReason,
      locked: false,
      editable: false,
    };
  }

  readonly fetch: FetchLike = async (url, init) => {
    if (!this.up) throw new TypeError("Failed to fetch");
    const method = (init.method ?? "GET").toUpperCase();
    const headers = Object.fromEntries(
      Object.entries((init.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    );
    const u = new URL(url);
    const path = u.pathname.replace(/^.*?\/api\/v1/, "");
    const body: unknown = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
    this.requests.push({ method, path: path + u.search, headers, body });
    const json = (status: number, data: unknown, etag?: number) =>
      new Response(JSON.stringify(data), {
        status,
        headers: { "Content-Type": "application/json", ...(etag === undefined ? {} : { ETag: `"${etag}"` }) },
      });
    const error = (status: number, code: string, message: string) => json(status, { error: { code, message } });
    if (this.refuseToken) return error(401, "unauthorized", "令牌无效或已停用");

    if (path === "/changes") {
      const since = Number(u.searchParams.get("since") ?? "0");
      const events = this.events.filter((e) => e.cursor > since);
      return json(200, { events, cursor: this.events.length, more: false });
    }
    if (path === `/rounds/${ROUND.id}/consolidated`)
      return json(200, this.consolidation(u.searchParams.get("unit") ?? "sh"));
    if (path === `/rounds/${ROUND.id}/consolidated/export.csv`) {
      return new Response("\uFEFF项目,合计\r\n", {
        status: 200,
        headers: {
          "Content-Type": "text/csv",
          "Content-Disposition": `attachment; filename="x.csv"; filename*=UTF-8''${encodeURIComponent("金秋助学-上海市总工会汇总.csv")}`,
        },
      });
    }
    if (path === `/rounds/${ROUND.id}/reports`) {
      return json(200, {
        reports: this.units.map((x) => ({
          round: ROUND.id,
          unit: x.code,
          unitName: x.name,
          status: x.status,
          version: x.version,
          late: x.late,
          submittedAt: null,
          updatedAt: null,
        })),
      });
    }
    const m = /^\/rounds\/[^/]+\/reports\/([^/]+)(?:\/(history|return|approve))?$/.exec(path);
    const x = m ? this.units.find((y) => y.code === m[1]) : undefined;
    if (!m || !x) return error(404, "not_found", "请求的内容不存在");
    if (!m[2]) return json(200, this.report(x), x.version);
    if (m[2] === "history") return json(200, { entries: x.history });
    if (headers["if-match"] !== `"${x.version}"`) return error(412, "precondition_failed", "报表已被修改");
    if (x.status !== "submitted") return error(409, "invalid_transition", "当前状态不能执行该操作");
    x.status = m[2] === "return" ? "returned" : "approved";
    if (m[2] === "return") x.returnReason = (body as { reason: string }).reason;
    x.version++;
    x.history.push({
      version: x.version,
      at: "2014-09-03T01:00:00.000Z",
      actor: "上海市总工会保障工作部",
      role: "reviewer",
      action: m[2],
      detail: m[2] === "return" ? { reason: x.returnReason } : {},
      cells: [],
    });
    this.event(x, m[2] === "return" ? "return" : "approve");
    return json(200, this.report(x), x.version);
  };
}
