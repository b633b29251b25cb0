import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  HS_2022_ACTIVITY,
  HS_2022_NEED,
  HS_2022_ROSTER,
  HS_STAGE_AGES,
  OFFICIAL_TEMPLATES,
  SH_2014_JQZX,
  SH_2014_YGJY,
} from "../../schemas/forms";
import { Template, type TemplateInput } from "../../schemas/template";
import { HUANGSHAN, SHANGHAI, findUnit, flattenUnits } from "../../schemas/units";
import { FILLED_FORMS } from "./fixtures/filled";

// The two official notices the forms are built from, kept in the repository (docs/notices/).
const NOTICES = new URL("../../docs/notices/", import.meta.url);
const stripSpace = (s: string) => s.replace(/\s+/g, "");
const SHANGHAI_SEED = stripSpace(readFileSync(new URL("shanghai-2014-156.txt", NOTICES), "utf8"));
const HUANGSHAN_SEED = stripSpace(readFileSync(new URL("huangshan-2022-20.txt", NOTICES), "utf8"));

/** The printed form of each Shanghai attachment (the seed after its heading). */
const SH_FORM_1_START = "附件12014年上海工会金秋助学情况统计表";
const SH_FORM_2_START = "附件22014年上海工会阳光就业行动情况统计表";
function shanghaiForm(n: 1 | 2): string {
  const a = SHANGHAI_SEED.indexOf(SH_FORM_1_START);
  const b = SHANGHAI_SEED.indexOf(SH_FORM_2_START);
  expect(a).toBeGreaterThan(0);
  expect(b).toBeGreaterThan(a);
  return n === 1 ? SHANGHAI_SEED.slice(a, b) : SHANGHAI_SEED.slice(b);
}

const parsed = OFFICIAL_TEMPLATES.map((t) => Template.parse(t));
type Parsed = ReturnType<typeof Template.parse>;
const byId = (id: string) => parsed.find((t) => t.id === id) as Parsed;

function itemsOf(t: Parsed) {
  return t.sections.flatMap((s) => (s.kind === "items" ? s.items : []));
}

/** Every cell key a report of `t` may hold, with roster cells as `roster.*.col`. */
function cellKeys(t: Parsed): Set<string> {
  const keys = new Set<string>(t.header.map((h) => `header.${h.key}`));
  for (const s of t.sections) {
    if (s.kind === "items") s.items.forEach((i) => keys.add(i.key));
    if (s.kind === "grid") s.rows.forEach((r) => s.columns.forEach((c) => keys.add(`${r.key}.${c.key}`)));
    if (s.kind === "roster") s.columns.forEach((c) => keys.add(`${s.key}.*.${c.key}`));
  }
  return keys;
}

/** Ids of every declared and generated rule that a fixture must break. */
function ruleIds(t: Parsed): string[] {
  const ids = [...t.breakdowns.map((b) => `parts:${b.total}`), ...t.rules.map((r) => r.id)];
  for (const s of t.sections) {
    if (s.kind === "grid" && s.total) ids.push(...s.rows.map((r) => `grid:${r.key}`));
    if (s.kind === "roster") {
      ids.push(...s.rowRules.map((r) => r.id));
      ids.push(...s.unique.map((u) => `unique:${s.key}:${u.join(",")}`));
    }
  }
  return ids;
}

/** A label as a pattern over the whitespace-free seed; "___" stands for a printed blank and its unit. */
function labelPattern(label: string): RegExp {
  const parts = stripSpace(label)
    .split(/_+/)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(parts.join("_+[（(][^）)]*[）)]"));
}

const UNIT_AFTER_BLANK = /_+[（(](万元|元|人次|人|个|场|家)[）)]/g;

describe("official templates", () => {
  it("are the five forms of the two notices and parse with the Template schema", () => {
    expect(OFFICIAL_TEMPLATES.map((t) => t.id)).toEqual([
      "sh-2014-jqzx",
      "sh-2014-ygjy",
      "hs-2022-need",
      "hs-2022-activity",
      "hs-2022-roster",
    ]);
    for (const t of OFFICIAL_TEMPLATES) expect(() => Template.parse(t)).not.toThrow();
    const named: TemplateInput[] = [SH_2014_JQZX, SH_2014_YGJY, HS_2022_NEED, HS_2022_ACTIVITY, HS_2022_ROSTER];
    expect(named).toEqual(OFFICIAL_TEMPLATES);
  });

  it.each(parsed.map((t) => [t.id, t] as const))("%s: keys and rule ids are unique", (_id, t) => {
    const sectionKeys = t.sections.map((s) => s.key);
    expect(new Set(sectionKeys).size).toBe(sectionKeys.length);
    // Items, grid rows and rosters share one namespace: a reference must name one thing.
    const names = t.sections.flatMap((s) =>
      s.kind === "items" ? s.items.map((i) => i.key) : s.kind === "grid" ? s.rows.map((r) => r.key) : [s.key],
    );
    expect(names.filter((k, i) => names.indexOf(k) !== i)).toEqual([]);
    for (const s of t.sections) {
      const inner =
        s.kind === "grid" ? s.columns.map((c) => c.key) : s.kind === "roster" ? s.columns.map((c) => c.key) : [];
      expect(new Set(inner).size).toBe(inner.length);
    }
    const ids = ruleIds(t);
    expect(ids.filter((k, i) => ids.indexOf(k) !== i)).toEqual([]);
  });

  it.each(parsed.map((t) => [t.id, t] as const))("%s: header asks for 填报人 and 联系电话", (_id, t) => {
    expect(t.header.map((h) => [h.key, h.label, h.type, h.required])).toEqual([
      ["reporter", "填报人", "text", true],
      ["phone", "联系电话", "phone", true],
    ]);
  });

  it("carry the issuer, 文号, attachment and due date of their notice", () => {
    const meta = parsed.map((t) => [t.id, t.issuer, t.docNo, t.attachment, t.period, t.dueDate]);
    expect(meta).toEqual([
      ["sh-2014-jqzx", "上海市总工会", "沪工总保〔2014〕156号", "附件1", "2014", "2014-09-01"],
      ["sh-2014-ygjy", "上海市总工会", "沪工总保〔2014〕156号", "附件2", "2014", "2014-09-01"],
      ["hs-2022-need", "黄山市总工会", "黄工办〔2022〕20号", undefined, "2022", "2022-07-15"],
      ["hs-2022-activity", "黄山市总工会", "黄工办〔2022〕20号", "附件1", "2022", "2022-08-31"],
      ["hs-2022-roster", "黄山市总工会", "黄工办〔2022〕20号", "附件2", "2022", "2022-11-30"],
    ]);
    // The dates as the notices print them.
    expect(SHANGHAI_SEED).toContain("于2014年9月1日前");
    expect(HUANGSHAN_SEED).toContain("并于7月15日前上报");
    expect(HUANGSHAN_SEED).toContain("附件1请于8月31日前");
    expect(HUANGSHAN_SEED).toContain("(附件2)于11月30日前");
    for (const t of parsed) {
      expect(t.issuer === "上海市总工会" ? SHANGHAI_SEED : HUANGSHAN_SEED).toContain(t.docNo);
      expect(t.issuer === "上海市总工会" ? SHANGHAI_SEED : HUANGSHAN_SEED).toContain(stripSpace(t.title));
    }
  });
});

describe("Shanghai forms follow the printed 附件 exactly", () => {
  const cases = [
    { t: byId("sh-2014-jqzx"), form: 1 as const, numbered: 7 },
    { t: byId("sh-2014-ygjy"), form: 2 as const, numbered: 11 },
  ];

  it.each(cases)("$t.id: every label appears verbatim in the notice, before a blank with its unit", ({ t, form }) => {
    const text = shanghaiForm(form);
    expect(text).toContain(stripSpace(t.title));
    for (const item of itemsOf(t)) {
      const label = labelPattern(item.label);
      expect(text, item.label).toMatch(label);
      if (!item.label.includes("_")) {
        // Verbatim after removing whitespace, and followed by the blank for this unit.
        expect(text).toContain(stripSpace(item.label));
        expect(text, item.label).toMatch(new RegExp(label.source + `_+[（(]${item.unit}[）)]`));
      }
    }
  });

  it.each(cases)("$t.id: one item per printed blank, units in printed order", ({ t, form }) => {
    const printedUnits = [...shanghaiForm(form).matchAll(UNIT_AFTER_BLANK)].map((m) => m[1]);
    expect(itemsOf(t).map((i) => i.unit)).toEqual(printedUnits);
  });

  it.each(cases)("$t.id: has $numbered numbered items, in order", ({ t, numbered }) => {
    const numbers = [...new Set(itemsOf(t).flatMap((i) => /^\d+/.exec(i.no) ?? []))];
    expect(numbers).toEqual(Array.from({ length: numbered }, (_, i) => String(i + 1)));
  });

  it("use decimals at two places for 万元 and 元, integers for counts", () => {
    for (const t of cases.map((c) => c.t)) {
      for (const i of itemsOf(t)) {
        if (i.unit === "万元" || i.unit === "元") expect([i.key, i.type, i.scale]).toEqual([i.key, "decimal", 2]);
        else expect([i.key, i.type]).toEqual([i.key, "integer"]);
      }
    }
  });

  it("declare the 其中 breakdowns of 附件1 as exhaustive", () => {
    const t = byId("sh-2014-jqzx");
    expect(t.breakdowns.map((b) => [b.total, b.parts.length, b.mode])).toEqual([
      ["raised", 3, "exhaustive"],
      ["granted", 3, "exhaustive"],
      ["enrolled", 3, "exhaustive"],
      ["aided", 3, "exhaustive"],
      ["mw_aided", 3, "exhaustive"],
      ["mw_granted", 3, "exhaustive"],
    ]);
  });
});

describe("Huangshan reconstructions", () => {
  it.each([byId("hs-2022-need"), byId("hs-2022-activity"), byId("hs-2022-roster")])(
    "$id says it is a reconstruction",
    (t) => {
      expect(t.description).toContain("重建");
      expect(t.description).toContain("未印发表样");
    },
  );

  it("break down by the notice's stages plus special education, with a 合计 column", () => {
    for (const id of ["hs-2022-need", "hs-2022-activity"]) {
      const grid = byId(id).sections.find((s) => s.kind === "grid");
      expect(grid?.kind === "grid" && grid.total).toBe("total");
      expect(grid?.kind === "grid" && grid.columns.map((c) => c.label)).toEqual([
        "合计",
        "学前教育",
        "义务教育",
        "高中阶段教育（含中等职业教育）",
        "普通高等教育（含高职、大专）",
        "特殊教育（残疾儿童）",
      ]);
    }
    for (const stage of ["学前教育", "义务教育", "高中阶段教育（含中等职业教育）", "普通高等教育（含高职、大专）"]) {
      expect(HUANGSHAN_SEED).toContain(stage);
    }
  });

  it("roster: typed columns, unique 身份证号, ages at 2022-09-01", () => {
    const t = byId("hs-2022-roster");
    expect(t.referenceDate).toBe("2022-09-01");
    const roster = t.sections.find((s) => s.kind === "roster");
    if (roster?.kind !== "roster") throw new Error("the roster form has no roster section");
    const types = Object.fromEntries(roster.columns.map((c) => [c.key, c.type]));
    expect(types).toMatchObject({
      name: "text",
      idno: "idcard",
      school: "text",
      stage: "enum",
      filed: "enum",
      source: "enum",
      amount: "money",
      bankcard: "bankcard",
      bank: "text",
      phone: "phone",
    });
    expect(roster.unique).toEqual([["idno"]]);
    expect(roster.columns.find((c) => c.key === "stage")?.options).toEqual(Object.keys(HS_STAGE_AGES));
    expect(roster.rowRules.map((r) => r.id)).toEqual(
      expect.arrayContaining(["prov-cap", "prov-target", "age-preschool", "age-higher", "age-special"]),
    );
  });
});

describe("unit trees", () => {
  it("Huangshan: 市总 with the nine units the notice addresses", () => {
    expect(HUANGSHAN.code).toBe("hs");
    expect(HUANGSHAN.children?.map((c) => c.name)).toEqual([
      "屯溪区总工会",
      "黄山区总工会",
      "徽州区总工会",
      "歙县总工会",
      "休宁县总工会",
      "黟县总工会",
      "祁门县总工会",
      "黄山高新区总工会",
      "黄山风景区工会",
    ]);
    expect(HUANGSHAN.children?.every((c) => c.code.startsWith("hs-") && !c.children)).toBe(true);
  });

  it("Shanghai: the 17 区县 of 2014 and the 局（产业）工会 branch", () => {
    const children = SHANGHAI.children ?? [];
    const districts = children.filter((c) => !c.children);
    expect(districts.map((d) => d.name.replace(/总工会$/, ""))).toEqual([
      "黄浦区",
      "徐汇区",
      "长宁区",
      "静安区",
      "普陀区",
      "闸北区",
      "虹口区",
      "杨浦区",
      "闵行区",
      "宝山区",
      "嘉定区",
      "浦东新区",
      "金山区",
      "松江区",
      "青浦区",
      "奉贤区",
      "崇明县",
    ]);
    const branch = children.filter((c) => c.children);
    expect(branch.map((b) => [b.code, b.name])).toEqual([["sh-ju", "局（产业）工会"]]);
    expect(branch[0]?.children?.length).toBeGreaterThanOrEqual(8);
    expect(branch[0]?.children?.every((c) => c.code.startsWith("sh-ju-"))).toBe(true);
  });

  it("codes are unique and URL-safe across both trees", () => {
    const codes = [...flattenUnits(HUANGSHAN), ...flattenUnits(SHANGHAI)].map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it("flattenUnits lists parents before children with depth, parent and path", () => {
    const flat = flattenUnits(SHANGHAI);
    expect(flat).toHaveLength(1 + 17 + 1 + (SHANGHAI.children?.at(-1)?.children?.length ?? 0));
    expect(flat[0]).toEqual({ code: "sh", name: "上海市总工会", parent: null, depth: 0, path: ["sh"] });
    expect(flat[1]).toEqual({
      code: "sh-huangpu",
      name: "黄浦区总工会",
      parent: "sh",
      depth: 1,
      path: ["sh", "sh-huangpu"],
    });
    const jianjiao = flat.find((u) => u.code === "sh-ju-jianjiao");
    expect(jianjiao).toMatchObject({ parent: "sh-ju", depth: 2, path: ["sh", "sh-ju", "sh-ju-jianjiao"] });
    const index = new Map(flat.map((u, i) => [u.code, i]));
    for (const u of flat) {
      if (u.parent === null) continue;
      expect(index.get(u.parent)).toBeLessThan(index.get(u.code) as number);
      expect(flat[index.get(u.parent) as number]?.depth).toBe(u.depth - 1);
    }
    expect(flattenUnits(HUANGSHAN).map((u) => u.depth)).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it("findUnit finds any node by code", () => {
    expect(findUnit(SHANGHAI, "sh-ju-jiaoyu")?.name).toBe("上海市教育工会");
    expect(findUnit(HUANGSHAN, "hs-fengjingqu")?.name).toBe("黄山风景区工会");
    expect(findUnit(HUANGSHAN, "hs")).toBe(HUANGSHAN);
    expect(findUnit(HUANGSHAN, "sh")).toBeUndefined();
  });
});

describe("filled fixtures", () => {
  const idCheck = (id: string) => {
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = w.reduce((s, wi, i) => s + wi * Number(id[i]), 0);
    return "10X98765432"[sum % 11] === id[17];
  };
  const luhn = (n: string) =>
    [...n].reverse().reduce((s, ch, i) => {
      const d = Number(ch) * (i % 2 === 1 ? 2 : 1);
      return s + (d > 9 ? d - 9 : d);
    }, 0) %
      10 ===
    0;
  const ageAt = (birth: string, at: string) =>
    Number(at.slice(0, 4)) - Number(birth.slice(0, 4)) - (at.slice(5).replace("-", "") < birth.slice(4) ? 1 : 0);
  const cellPattern = (key: string) => key.replace(/^(\w+)\.[A-Za-z0-9_-]{1,32}\.(\w+)$/, "$1.*.$2");

  it("exist for every template", () => {
    expect(FILLED_FORMS.map((f) => f.templateId)).toEqual(parsed.map((t) => t.id));
  });

  it.each(FILLED_FORMS.map((f) => [f.templateId, f] as const))("%s: values and changes use real cell keys", (id, f) => {
    const keys = cellKeys(byId(id));
    for (const k of Object.keys(f.values)) expect(keys, k).toContain(keys.has(k) ? k : cellPattern(k));
    for (const v of f.violations) {
      for (const k of [...Object.keys(v.change), ...v.cells])
        expect(keys, `${v.ruleId}: ${k}`).toContain(keys.has(k) ? k : cellPattern(k));
    }
    for (const [k, v] of Object.entries(f.values)) {
      if (!k.startsWith("header.") && !k.startsWith("roster.")) expect(v, k).toMatch(/^(0|[1-9]\d*)(\.\d*[1-9])?$/);
    }
  });

  it.each(FILLED_FORMS.map((f) => [f.templateId, f] as const))(
    "%s: one violation for every rule and breakdown",
    (id, f) => {
      const ids = ruleIds(byId(id));
      expect([...new Set(f.violations.map((v) => v.ruleId))].sort()).toEqual([...ids].sort());
    },
  );

  it("roster rows carry valid 身份证号 and bank cards, with ages fitting their stage", () => {
    const f = FILLED_FORMS.find((x) => x.templateId === "hs-2022-roster");
    const v = f?.values ?? {};
    const rows = [
      ...new Set(
        Object.keys(v)
          .filter((k) => k.startsWith("roster."))
          .map((k) => k.split(".")[1]),
      ),
    ];
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const r of rows) {
      const id = v[`roster.${r}.idno`] as string;
      const card = v[`roster.${r}.bankcard`] as string;
      expect(id, r).toMatch(/^\d{17}[\dX]$/);
      expect(idCheck(id), id).toBe(true);
      expect(card, r).toMatch(/^\d{12,19}$/);
      expect(luhn(card), card).toBe(true);
      const [lo, hi] = HS_STAGE_AGES[v[`roster.${r}.stage`] as string] ?? [0, -1];
      const age = ageAt(id.slice(6, 14), "2022-09-01");
      expect(age >= lo && age <= hi, `${r} age ${age}`).toBe(true);
    }
  });
});
