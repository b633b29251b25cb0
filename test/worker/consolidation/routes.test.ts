import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, patch, readVersion, seed, seedRounds, TOKENS, HS_UNITS } from "../helpers";

/**
 * GET /rounds/:id/consolidated over the test tree
 *   hs ─ hs-tunxi ─ hs-tunxi-a, hs-tunxi-b
 *      └ hs-huizhou
 * with every hs unit reporting (the root too). Expected totals are summed here
 * independently, with BigInt at a fixed scale, from the values each unit typed.
 */
const R = "c1";
const LATE = "c-late";

type Values = Record<string, string>;
const ENTERED: Record<string, { values: Values; notes?: Values; to: "submitted" | "approved" | "returned" | "draft" }> =
  {
    "hs-tunxi": {
      values: { total: "0.2", part: "0.1", people: "1200" },
      notes: { W1: "含外区借读学生" },
      to: "submitted",
    },
    "hs-tunxi-a": {
      values: {
        total: "10.25",
        part: "3.1",
        people: "7",
        "roster.r1.name": "张三",
        "roster.r1.amount": "1000.5",
        "roster.r2.name": '=HYPERLINK("http://evil.example","点我")',
        "roster.r2.amount": "2000",
      },
      to: "submitted",
    },
    "hs-tunxi-b": {
      values: { total: "0.1", part: "0.05", people: "3", "roster.r1.name": "李四", "roster.r1.amount": "0.25" },
      to: "approved",
    },
    "hs-huizhou": { values: { total: "99.99", people: "12" }, to: "draft" },
    hs: { values: { total: "1.01" }, to: "returned" },
  };

/** Exact sum of canonical decimals, independent of schemas/decimal. */
function exactSum(texts: string[]): string {
  const SCALE = 6;
  let sum = 0n;
  for (const t of texts) {
    const neg = t.startsWith("-");
    const [i = "0", f = ""] = (neg ? t.slice(1) : t).split(".");
    const m = BigInt(i + f.padEnd(SCALE, "0"));
    sum += neg ? -m : m;
  }
  const neg = sum < 0n;
  const digits = (neg ? -sum : sum).toString().padStart(SCALE + 1, "0");
  const int = digits.slice(0, -SCALE);
  const frac = digits.slice(-SCALE).replace(/0+$/, "");
  return `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}

function expectedTotals(units: string[]): Values {
  const out: Values = {};
  for (const cell of ["total", "part", "people"]) {
    const texts = units.map((u) => ENTERED[u]?.values[cell]).filter((v): v is string => v !== undefined);
    if (texts.length > 0) out[cell] = exactSum(texts);
  }
  return out;
}

async function act(unit: string, action: string, round = R, body?: unknown) {
  const v = await readVersion(TOKENS.admin, round, unit);
  const res = await api(TOKENS.admin, "POST", `/rounds/${round}/reports/${unit}/${action}`, body, {
    "If-Match": `"${v}"`,
  });
  if (res.status !== 200) throw new Error(`${action} ${unit}: ${res.status} ${JSON.stringify(res.body)}`);
}

const consolidated = (token: string, query = "", round = R) =>
  api(token, "GET", `/rounds/${round}/consolidated${query}`);

beforeAll(async () => {
  await seed([
    { id: R, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", units: HS_UNITS },
    { id: LATE, templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", dueDate: "2022-09-30" },
  ]);
  for (const [unit, e] of Object.entries(ENTERED)) {
    const v = await readVersion(TOKENS.admin, R, unit);
    const changes = Object.entries(e.values).map(([cell, value]) => ({ cell, value }));
    const saved = await patch(TOKENS.admin, R, unit, v, changes, { explanations: e.notes ?? {} });
    if (saved.status !== 200) throw new Error(`patch ${unit}: ${JSON.stringify(saved.body)}`);
    if (e.to === "draft") continue;
    await act(unit, "submit");
    if (e.to === "approved") await act(unit, "approve");
    if (e.to === "returned") await act(unit, "return", R, { reason: "请核实" });
  }
  // The late round: one unit submits (after the due date: late), the rest never do.
  await act("hs-tunxi-a", "submit", LATE);
  await act("hs-tunxi-b", "submit", LATE);
  // As if hs-tunxi-b had submitted in time.
  await env.DB.prepare("UPDATE reports SET late = 0 WHERE round_id = ? AND unit = ?").bind(LATE, "hs-tunxi-b").run();
});

describe("totals", () => {
  it.each([
    ["the city", "hs", ["hs-tunxi", "hs-tunxi-a", "hs-tunxi-b"]],
    ["a district with sub-units", "hs-tunxi", ["hs-tunxi", "hs-tunxi-a", "hs-tunxi-b"]],
    ["a leaf", "hs-tunxi-a", ["hs-tunxi-a"]],
    ["a leaf that has not submitted", "hs-huizhou", []],
  ])("equal the exact sum of the submitted and approved reports of %s", async (_, unit, summed) => {
    const res = await consolidated(TOKENS.admin, `?unit=${unit}`);
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual(expectedTotals(summed));
    expect(res.body.unit.code).toBe(unit);
    expect(res.body.matrix.units.map((u: { code: string }) => u.code)).toEqual(summed);
    // Without the matrix the sums are done inside D1, in integers: the same totals.
    const lean = await consolidated(TOKENS.admin, `?unit=${unit}&matrix=false`);
    expect(lean.status).toBe(200);
    expect(lean.body.totals).toEqual(expectedTotals(summed));
    expect(lean.body.matrix).toBeNull();
    expect(lean.body.completeness).toEqual(res.body.completeness);
    expect(lean.body.problems).toEqual(res.body.problems);
  });

  it("adds without floating-point drift", async () => {
    // 0.2 + 10.25 + 0.1 in binary floating point is 10.549999999999999.
    expect(0.2 + 10.25 + 0.1).not.toBe(10.55);
    expect((await consolidated(TOKENS.admin, "?unit=hs-tunxi")).body.totals.total).toBe("10.55");
  });

  it("include=draft,returned previews the numbers still being typed", async () => {
    const res = await consolidated(TOKENS.admin, "?unit=hs&include=draft,returned");
    expect(res.body.include).toEqual(["draft", "returned"]);
    expect(res.body.totals).toEqual(expectedTotals(["hs", "hs-huizhou"]));
    const all = await consolidated(TOKENS.admin, "?unit=hs&include=draft,submitted,returned,approved");
    expect(all.body.totals).toEqual(expectedTotals(Object.keys(ENTERED)));
    const approvedOnly = await consolidated(TOKENS.admin, "?include=approved");
    expect(approvedOnly.body.totals).toEqual(expectedTotals(["hs-tunxi-b"]));
    const lean = await consolidated(TOKENS.admin, "?unit=hs&include=draft,returned&matrix=false");
    expect(lean.body.totals).toEqual(expectedTotals(["hs", "hs-huizhou"]));
  });

  it("refuses an unknown include or matrix value (400)", async () => {
    const res = await consolidated(TOKENS.admin, "?include=submitted,deleted");
    expect([res.status, res.body.error.code]).toEqual([400, "invalid_request"]);
    expect((await consolidated(TOKENS.admin, "?matrix=no")).status).toBe(400);
  });
});

describe("exactness of both summing paths", () => {
  it("agree on negative, fractional and large values (written straight to D1)", async () => {
    await seedRounds([{ id: "c-raw", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs" }]);
    const raw: Record<string, Values> = {
      "hs-tunxi": { total: "-0.5", part: "9007199254740.99", people: "-3" },
      "hs-tunxi-a": { total: "-12.25", part: "9007199254740.99", people: "0" },
      "hs-tunxi-b": { total: "3.1", part: "0.02", people: "12" },
    };
    for (const [unit, values] of Object.entries(raw)) {
      for (const [cell, value] of Object.entries(values)) {
        await env.DB.prepare(
          "INSERT INTO report_cells (report_id, cell, value) SELECT id, ?, ? FROM reports WHERE round_id = 'c-raw' AND unit = ?",
        )
          .bind(cell, value, unit)
          .run();
      }
    }
    await env.DB.prepare("UPDATE reports SET status = 'submitted' WHERE round_id = 'c-raw'").run();
    const expected = { total: "-9.65", part: "18014398509482", people: "9" };
    expect((await consolidated(TOKENS.admin, "?unit=hs-tunxi", "c-raw")).body.totals).toEqual(expected);
    expect((await consolidated(TOKENS.admin, "?unit=hs-tunxi&matrix=false", "c-raw")).body.totals).toEqual(expected);
  });

  it("stores each value's integer image in millionths, or NULL when it is not plain decimal text", async () => {
    const cases: [string, string | null][] = [
      ["0", "0"],
      ["12", "12000000"],
      ["-0.5", "-500000"],
      ["3.141593", "3141593"],
      ["999999999999.999999", "999999999999999999"],
      ["1.2345678", null],
      ["1234567890123", null],
      ["1e3", null],
      ["-", null],
      ["1.", null],
      [".5", null],
      ["1.2.3", null],
      ["--1", null],
      ["1-2", null],
      ["张三", null],
      ["110101199003071234", null],
    ];
    await seedRounds([
      { id: "c-num", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", units: ["hs-huizhou"] },
    ]);
    for (const [i, [value]] of cases.entries()) {
      await env.DB.prepare(
        "INSERT INTO report_cells (report_id, cell, value) SELECT id, ?, ? FROM reports WHERE round_id = 'c-num'",
      )
        .bind(`c${i}`, value)
        .run();
    }
    const { results } = await env.DB.prepare(
      "SELECT value, CAST(num AS TEXT) AS num FROM report_cells WHERE report_id = (SELECT id FROM reports WHERE round_id = 'c-num')",
    ).all<{ value: string; num: string | null }>();
    const stored = new Map(results.map((r) => [r.value, r.num]));
    for (const [value, num] of cases) expect([value, stored.get(value)]).toEqual([value, num]);
  });

  it("sums past 64 bits exactly (SQLite's integer overflow falls back to summing the values)", async () => {
    // Ten units each at the largest plain value: 10 × (10^18 − 1) millionths does not fit in 64 bits.
    const units = Array.from({ length: 10 }, (_, i) => `hs-big-${i}`);
    await env.DB.batch(
      units.map((code, i) =>
        env.DB.prepare("INSERT INTO units (code, name, parent, path, ord) VALUES (?, ?, 'hs-huizhou', ?, ?)").bind(
          code,
          `大额测试工会 ${i}`,
          `/hs/hs-huizhou/${code}/`,
          i,
        ),
      ),
    );
    await seedRounds([{ id: "c-big", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", units: [] }]);
    await env.DB.prepare("INSERT INTO reports (round_id, unit) SELECT 'c-big', value FROM json_each(?)")
      .bind(JSON.stringify(units))
      .run();
    await env.DB.prepare(
      `INSERT INTO report_cells (report_id, cell, value) SELECT id, 'total', '999999999999.999999' FROM reports WHERE round_id = 'c-big'`,
    ).run();
    await env.DB.prepare("UPDATE reports SET status = 'submitted' WHERE round_id = 'c-big'").run();
    const expected = exactSum(units.map(() => "999999999999.999999"));
    expect(expected).toBe("9999999999999.99999");
    for (const query of ["?unit=hs-huizhou", "?unit=hs-huizhou&matrix=false"]) {
      const res = await consolidated(TOKENS.admin, query, "c-big");
      expect([res.status, res.body.totals.total]).toEqual([200, expected]);
    }
  });
});

describe("problem counts per unit", () => {
  it("follow every save: errors, warnings, and warnings without a 上报说明", async () => {
    await seedRounds([
      { id: "c-counts", templateId: "test-jqzx", templateVersion: 1, rootUnit: "hs", units: ["hs-huizhou"] },
    ]);
    const counts = async () => {
      const res = await consolidated(TOKENS.admin, "?unit=hs-huizhou&include=draft", "c-counts");
      const { errors, warnings, unexplained } = res.body.matrix.units[0];
      return { errors, warnings, unexplained };
    };
    // Never saved: not checked yet.
    expect(await counts()).toEqual({ errors: null, warnings: null, unexplained: null });
    const save = async (changes: { cell: string; value: string }[], explanations?: Values) => {
      const v = await readVersion(TOKENS.admin, "c-counts", "hs-huizhou");
      const res = await patch(TOKENS.admin, "c-counts", "hs-huizhou", v, changes, explanations ? { explanations } : {});
      expect(res.status).toBe(200);
    };
    await save([
      { cell: "total", value: "1" },
      { cell: "part", value: "2" },
      { cell: "people", value: "5000" },
    ]);
    expect(await counts()).toEqual({ errors: 1, warnings: 1, unexplained: 1 }); // R1 part > total, W1 unexplained
    await save([{ cell: "part", value: "0.5" }]);
    expect(await counts()).toEqual({ errors: 0, warnings: 1, unexplained: 1 });
    await save([], { W1: "含外区借读学生" });
    expect(await counts()).toEqual({ errors: 0, warnings: 1, unexplained: 0 });
    await save([{ cell: "people", value: "10" }]);
    expect(await counts()).toEqual({ errors: 0, warnings: 0, unexplained: 0 });
  });
});

describe("matrix", () => {
  it("is items × units, writable as one range", async () => {
    const { body } = await consolidated(TOKENS.cityReviewer);
    expect(body.matrix.cells).toEqual(["total", "part", "people"]);
    const clean = { errors: 0, warnings: 0, unexplained: 0 };
    expect(body.matrix.units).toEqual([
      // 1200 人 sets off W1, explained by a 上报说明.
      {
        code: "hs-tunxi",
        name: "屯溪区总工会",
        status: "submitted",
        late: false,
        submittedAt: expect.any(String),
        errors: 0,
        warnings: 1,
        unexplained: 0,
      },
      {
        code: "hs-tunxi-a",
        name: "屯溪区昱东街道工会",
        status: "submitted",
        late: false,
        submittedAt: expect.any(String),
        ...clean,
      },
      {
        code: "hs-tunxi-b",
        name: "屯溪区老街街道工会",
        status: "approved",
        late: false,
        submittedAt: expect.any(String),
        ...clean,
      },
    ]);
    expect(body.matrix.rows).toEqual([
      ["0.2", "10.25", "0.1"],
      ["0.1", "3.1", "0.05"],
      ["1200", "7", "3"],
    ]);
  });
});

describe("completeness", () => {
  it("counts expected, reported and each status, and lists the missing units", async () => {
    const { body } = await consolidated(TOKENS.cityReviewer);
    expect(body.completeness).toMatchObject({
      expected: 5,
      reported: 3,
      byStatus: { draft: 1, submitted: 2, returned: 1, approved: 1 },
      late: 0,
      lateUnits: [],
    });
    expect(
      body.completeness.missing.map((u: { code: string; name: string; status: string }) => [u.code, u.name, u.status]),
    ).toEqual([
      ["hs", "黄山市总工会", "returned"],
      ["hs-huizhou", "徽州区总工会", "draft"],
    ]);
  });

  it("marks late: submitted after the due date, or not submitted once it has passed", async () => {
    const { body } = await consolidated(TOKENS.cityReviewer, "", LATE);
    expect(body.completeness).toMatchObject({ expected: 4, reported: 2, late: 3 });
    expect(body.completeness.lateUnits.map((u: { code: string; status: string }) => [u.code, u.status])).toEqual([
      ["hs-tunxi", "draft"],
      ["hs-tunxi-a", "submitted"],
      ["hs-huizhou", "draft"],
    ]);
    // Tree order as printed (屯溪 before 徽州), not by code.
    expect(body.completeness.missing.map((u: { code: string }) => u.code)).toEqual(["hs-tunxi", "hs-huizhou"]);
  });
});

describe("rules on the totals and 上报说明", () => {
  it("re-runs the template rules on the totals", async () => {
    const { body } = await consolidated(TOKENS.cityReviewer);
    // 1200 + 7 + 3 = 1210 资助学生 > 1000: the warning fires on the sum.
    expect(body.problems).toEqual([
      expect.objectContaining({ id: "W1", severity: "warning", message: "资助人数超过 1000 人，请核实" }),
    ]);
    const leaf = await consolidated(TOKENS.cityReviewer, "?unit=hs-tunxi-a");
    expect(leaf.body.problems).toEqual([]);
  });

  it("skips required, type and bound checks, which are about one unit's entry", async () => {
    const { body } = await consolidated(TOKENS.cityReviewer, "?unit=hs-huizhou");
    expect(body.totals).toEqual({});
    expect(body.problems).toEqual([]);
  });

  it("lists every 上报说明 with its unit and the warning it explains", async () => {
    const { body } = await consolidated(TOKENS.cityReviewer);
    expect(body.notes).toEqual([
      {
        unit: "hs-tunxi",
        unitName: "屯溪区总工会",
        status: "submitted",
        problemId: "W1",
        text: "含外区借读学生",
        message: "资助人数超过 1000 人，请核实",
        severity: "warning",
      },
    ]);
    expect((await consolidated(TOKENS.cityReviewer, "?unit=hs-tunxi-a")).body.notes).toEqual([]);
  });
});

describe("rosters", () => {
  it("sum numeric columns and count rows per unit, without shipping rows", async () => {
    const { body } = await consolidated(TOKENS.cityReviewer);
    expect(body.rosters).toEqual([
      {
        key: "roster",
        title: "名册",
        rows: 3,
        totals: { amount: "3000.75" },
        byUnit: [
          { unit: "hs-tunxi-a", rows: 2, totals: { amount: "3000.5" } },
          { unit: "hs-tunxi-b", rows: 1, totals: { amount: "0.25" } },
        ],
      },
    ]);
  });

  it("include=rows adds every row with its unit", async () => {
    const { body } = await consolidated(TOKENS.cityReviewer, "?include=submitted,approved,rows");
    expect(body.rosters[0].rowValues).toEqual([
      { unit: "hs-tunxi-a", rowId: "r1", values: { name: "张三", amount: "1000.5" } },
      { unit: "hs-tunxi-a", rowId: "r2", values: { name: '=HYPERLINK("http://evil.example","点我")', amount: "2000" } },
      { unit: "hs-tunxi-b", rowId: "r1", values: { name: "李四", amount: "0.25" } },
    ]);
  });
});

describe("who may ask", () => {
  it("refuses fillers (403), even for their own unit", async () => {
    for (const token of [TOKENS.filler, TOKENS.fillerA]) {
      const res = await consolidated(token);
      expect([res.status, res.body.error.code]).toEqual([403, "forbidden"]);
      expect(res.body.totals).toBeUndefined();
    }
  });

  it("gives a reviewer its own subtree by default and any node inside it", async () => {
    const own = await consolidated(TOKENS.reviewer);
    expect(own.status).toBe(200);
    expect(own.body.unit).toEqual({ code: "hs-tunxi", name: "屯溪区总工会" });
    expect(own.body.totals).toEqual(expectedTotals(["hs-tunxi", "hs-tunxi-a", "hs-tunxi-b"]));
    expect((await consolidated(TOKENS.reviewer, "?unit=hs-tunxi-b")).status).toBe(200);
  });

  it("hides nodes outside a reviewer's subtree (404), whether they exist or not", async () => {
    for (const unit of ["hs", "hs-huizhou", "sh", "nowhere"]) {
      const res = await consolidated(TOKENS.reviewer, `?unit=${unit}`);
      expect([res.status, res.body.error.code]).toEqual([404, "not_found"]);
      expect(JSON.stringify(res.body)).not.toContain("totals");
    }
  });

  it("lets an admin sum anything; an unknown round or unit is 404", async () => {
    const sh = await consolidated(TOKENS.admin, "?unit=sh");
    expect(sh.status).toBe(200);
    expect(sh.body.completeness.expected).toBe(0);
    expect((await consolidated(TOKENS.admin, "?unit=nowhere")).status).toBe(404);
    expect((await consolidated(TOKENS.admin, "", "no-such-round")).status).toBe(404);
  });

  it("needs a token (401)", async () => {
    expect((await consolidated(null as unknown as string)).status).toBe(401);
  });
});
