import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../../worker/auth/token";
import { XLSX_TYPE } from "../../../worker/xlsx/write";
import { editXlsx } from "../forms/xlsx-edit";
import { api, HS_UNITS, seed, seedRounds, storageSnapshot, TOKENS, type ApiResponse } from "../helpers";

/**
 * Every role × every relation between the caller's unit and a report's unit ×
 * every route, generated. The caller always sits at 屯溪区 (hs-tunxi).
 * The expectations come from the access rules as stated in docs/api.md, written
 * out here independently of worker/auth/scope.ts.
 */
const ROLES = ["filler", "reviewer", "admin"] as const;
const RELATIONS = ["own", "parent", "sibling", "child", "otherCity"] as const;
type Role = (typeof ROLES)[number];
type Relation = (typeof RELATIONS)[number];

const TARGET: Record<Relation, string> = {
  own: "hs-tunxi",
  parent: "hs",
  sibling: "hs-huizhou",
  child: "hs-tunxi-a",
  otherCity: "sh-pd",
};

const ADMIN_AT_TUNXI = "hb_test_admin_tunxi";
const TOKEN: Record<Role, string> = { filler: TOKENS.filler, reviewer: TOKENS.reviewer, admin: ADMIN_AT_TUNXI };

const ALL = [...RELATIONS];
/** May know the report exists. */
const SEES: Record<Role, Relation[]> = { filler: ["own"], reviewer: ["own", "child"], admin: ALL };
/** May change values and submit. */
const EDITS: Record<Role, Relation[]> = { filler: ["own"], reviewer: [], admin: ALL };
/** May return and approve (not one's own unit's report). */
const REVIEWS: Record<Role, Relation[]> = { filler: [], reviewer: ["child"], admin: ALL };

type Expect = { status: number; includes?: boolean };

interface Route {
  name: string;
  /** The state the target report needs before the call. */
  status: "draft" | "submitted";
  call: (token: string, round: string, unit: string, version: number) => Promise<ApiResponse>;
  expect: (role: Role, rel: Relation) => Expect;
  /** For list-like routes: does the answer mention the target unit? */
  includes?: (body: any, unit: string) => boolean;
  writes: boolean;
}

const sees = (role: Role, rel: Relation) => SEES[role].includes(rel);
const gate = (role: Role, rel: Relation, allowed: Relation[]): Expect => ({
  status: !sees(role, rel) ? 404 : allowed.includes(rel) ? 200 : 403,
});
/** A round is visible when it holds any report the caller sees; the other city's round holds none. */
const roundVisible = (role: Role, rel: Relation) => role === "admin" || rel !== "otherCity";
const report = (round: string, unit: string) => `/rounds/${round}/reports/${unit}`;
const ifMatch = (v: number) => ({ "If-Match": `"${v}"` });

const ROUTES: Route[] = [
  {
    name: "GET report",
    status: "draft",
    writes: false,
    call: (t, r, u) => api(t, "GET", report(r, u)),
    expect: (role, rel) => ({ status: sees(role, rel) ? 200 : 404 }),
  },
  {
    name: "GET history",
    status: "draft",
    writes: false,
    call: (t, r, u) => api(t, "GET", `${report(r, u)}/history`),
    expect: (role, rel) => ({ status: sees(role, rel) ? 200 : 404 }),
  },
  {
    name: "PATCH report",
    status: "draft",
    writes: true,
    call: (t, r, u, v) =>
      api(t, "PATCH", report(r, u), { baseVersion: v, changes: [{ cell: "total", value: "1" }] }, ifMatch(v)),
    expect: (role, rel) => gate(role, rel, EDITS[role]),
  },
  {
    name: "submit",
    status: "draft",
    writes: true,
    call: (t, r, u, v) => api(t, "POST", `${report(r, u)}/submit`, undefined, ifMatch(v)),
    expect: (role, rel) => gate(role, rel, EDITS[role]),
  },
  {
    name: "return",
    status: "submitted",
    writes: true,
    call: (t, r, u, v) => api(t, "POST", `${report(r, u)}/return`, { reason: "请核实" }, ifMatch(v)),
    expect: (role, rel) => gate(role, rel, REVIEWS[role]),
  },
  {
    name: "approve",
    status: "submitted",
    writes: true,
    call: (t, r, u, v) => api(t, "POST", `${report(r, u)}/approve`, undefined, ifMatch(v)),
    expect: (role, rel) => gate(role, rel, REVIEWS[role]),
  },
  {
    name: "GET form.xlsx",
    status: "draft",
    writes: false,
    call: (t, r, u) => api(t, "GET", `${report(r, u)}/form.xlsx`),
    expect: (role, rel) => ({ status: sees(role, rel) ? 200 : 404 }),
  },
  {
    name: "import form.xlsx",
    status: "draft",
    writes: true,
    call: async (t, r, u) =>
      api(t, "POST", `${report(r, u)}/import`, await filledForm(r, u), { "Content-Type": XLSX_TYPE }),
    expect: (role, rel) => gate(role, rel, EDITS[role]),
  },
  {
    name: "GET forms.zip",
    status: "draft",
    writes: false,
    call: (t, r, u) => api(t, "GET", `/rounds/${r}/forms.zip?unit=${u}`),
    expect: (role, rel) => ({ status: role === "filler" ? 403 : sees(role, rel) ? 200 : 404 }),
  },
  {
    // The trend of a form's item over the target's subtree: as the consolidation, fillers 403, a reviewer its subtree.
    name: "GET trend",
    status: "draft",
    writes: false,
    call: (t, _r, u) => api(t, "GET", `/trend?template=test-jqzx&key=total&unit=${u}`),
    expect: (role, rel) => ({ status: role === "filler" ? 403 : sees(role, rel) ? 200 : 404 }),
  },
  {
    name: "GET round",
    status: "draft",
    writes: false,
    call: (t, r) => api(t, "GET", `/rounds/${r}`),
    expect: (role, rel) => ({ status: roundVisible(role, rel) ? 200 : 404 }),
  },
  {
    name: "GET round reports",
    status: "draft",
    writes: false,
    call: (t, r) => api(t, "GET", `/rounds/${r}/reports`),
    includes: (body, unit) => body.reports.some((x: { unit: string }) => x.unit === unit),
    expect: (role, rel) => (roundVisible(role, rel) ? { status: 200, includes: sees(role, rel) } : { status: 404 }),
  },
  {
    name: "GET changes",
    status: "draft",
    writes: false,
    call: (t, r) => api(t, "GET", `/changes?since=0&round=${r}`),
    includes: (body, unit) => body.events.some((e: { unit: string }) => e.unit === unit),
    expect: (role, rel) => ({ status: 200, includes: sees(role, rel) }),
  },
  {
    // None of these tokens has the pii permission: a reveal is refused before anything is read or logged.
    name: "reveal without pii",
    status: "draft",
    writes: false,
    call: (t, r, u) => api(t, "POST", `${report(r, u)}/reveal`, { cells: ["people"], purpose: "核对发放名单" }),
    expect: () => ({ status: 403 }),
  },
  {
    name: "GET integrity",
    status: "draft",
    writes: false,
    call: (t, r) => api(t, "GET", `/integrity?round=${r}`),
    expect: (role) => ({ status: role === "admin" ? 200 : 403 }),
  },
  {
    name: "GET pii reveals",
    status: "draft",
    writes: false,
    call: (t) => api(t, "GET", "/pii/reveals"),
    expect: (role) => ({ status: role === "admin" ? 200 : 403 }),
  },
  {
    name: "lock round",
    status: "draft",
    writes: true,
    call: (t, r) => api(t, "POST", `/rounds/${r}/lock`),
    expect: (role) => ({ status: role === "admin" ? 200 : 403 }),
  },
];

/** The unit's form as an admin downloads it, with 共筹集资金 (C7) changed: an import that saves something. */
async function filledForm(round: string, unit: string): Promise<Uint8Array> {
  const res = await exports.default.fetch(`http://huibiao.test/api/v1${report(round, unit)}/form.xlsx`, {
    headers: { Authorization: `Bearer ${TOKENS.admin}` },
  });
  if (res.status !== 200) throw new Error(`setup download: ${res.status}`);
  return editXlsx(new Uint8Array(await res.arrayBuffer()), "xl/worksheets/sheet1.xml", { C7: 12 });
}

let n = 0;
async function freshRound(rel: Relation, state: "draft" | "submitted"): Promise<{ round: string; version: number }> {
  const round = `m${++n}`;
  await seedRounds([
    rel === "otherCity"
      ? { id: round, templateId: "test-jqzx", templateVersion: 1, rootUnit: "sh", units: ["sh", "sh-pd"] }
      : { id: round, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", units: HS_UNITS },
  ]);
  // Every report gets one event in the feed and one audit entry: an admin's save.
  const unit = TARGET[rel];
  const res = await api(
    TOKENS.admin,
    "PATCH",
    report(round, unit),
    { baseVersion: 0, changes: [{ cell: "people", value: "3" }] },
    ifMatch(0),
  );
  if (res.status !== 200) throw new Error(`setup save: ${res.status}`);
  let version = 1;
  if (state === "submitted") {
    const sub = await api(TOKENS.admin, "POST", `${report(round, unit)}/submit`, undefined, ifMatch(1));
    if (sub.status !== 200) throw new Error(`setup submit: ${sub.status} ${JSON.stringify(sub.body)}`);
    version = 2;
  }
  return { round, version };
}

beforeAll(async () => {
  await seed();
  await env.DB.prepare(
    "INSERT INTO tokens (hash, role, unit, label, created_at) VALUES (?, 'admin', 'hs-tunxi', '屯溪 管理员', 'now')",
  )
    .bind(await hashToken(ADMIN_AT_TUNXI))
    .run();
});

const CASES = ROUTES.flatMap((route) =>
  ROLES.flatMap((role) => RELATIONS.map((rel) => ({ route, role, rel, expected: route.expect(role, rel) }))),
);

describe("authorization matrix", () => {
  it("covers every role × relation × route", () => {
    expect(CASES).toHaveLength(ROUTES.length * ROLES.length * RELATIONS.length);
  });

  it.each(CASES.map((c) => [`${c.route.name} · ${c.role} · ${c.rel} → ${c.expected.status}`, c] as const))(
    "%s",
    async (_name, { route, role, rel, expected }) => {
      const { round, version } = await freshRound(rel, route.status);
      const before = await storageSnapshot();
      const res = await route.call(TOKEN[role], round, TARGET[rel], version);
      expect(res.status, JSON.stringify(res.body)).toBe(expected.status);
      if (expected.status >= 400) {
        // A denial is an error and nothing else: no values, no status, no names.
        expect(Object.keys(res.body)).toEqual(["error"]);
        expect(JSON.stringify(res.body)).not.toMatch(/"values"|"people"|"unitName"/);
        expect(await storageSnapshot()).toEqual(before);
      } else if (!route.writes) {
        expect(await storageSnapshot()).toEqual(before);
      }
      if (expected.includes !== undefined && route.includes) {
        expect(route.includes(res.body, TARGET[rel])).toBe(expected.includes);
      }
    },
  );
});
