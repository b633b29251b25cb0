/**
 * The product's official content, shared by the demo (`npm start`) and a real
 * deployment (scripts/setup.ts): the two unit trees from the notices, the five
 * official templates (checked), and one round per template. Pure: no Node APIs,
 * so the Worker tests run it too.
 */
import type { CreateRoundRequest } from "../schemas/api/rounds";
import { checkTemplate } from "../schemas/check";
import { formatDate, isValidDate } from "../schemas/time";
import { OFFICIAL_TEMPLATES } from "../schemas/forms";
import type { Template } from "../schemas/template";
import { flattenUnits, HUANGSHAN, SHANGHAI } from "../schemas/units";
import type { UnitNode } from "../schemas/units/unit";
import { seedStatements } from "./seed";

export const UNIT_TREES: UnitNode[] = [HUANGSHAN, SHANGHAI];

export function officialTemplates(): Template[] {
  return OFFICIAL_TEMPLATES.map((input) => {
    const checked = checkTemplate(input);
    if (!checked.ok) throw new Error(`${input.id}: ${checked.errors.map((e) => `${e.path} ${e.message}`).join("; ")}`);
    return checked.template;
  });
}

/** Units that fill forms: the leaves. Branches (局(产业)工会) are only summed. */
function reportingUnits(root: UnitNode): string[] {
  const parents = new Set(flattenUnits(root).map((u) => u.parent));
  return flattenUnits(root)
    .filter((u) => !parents.has(u.code))
    .map((u) => u.code);
}

/** A notice's due date moved to `year`, same month and day; 29 February becomes the 28th in a common year. */
function sameDayIn(dueDate: string, year: number): string {
  const [month, day] = dueDate.slice(5).split("-").map(Number) as [number, number];
  return formatDate(year, month, isValidDate(year, month, day) ? day : day - 1);
}

/**
 * One round per template, to its city's reporting units. The period and due
 * date are the notice's, or with `year` that year's (the notice's month and
 * day): the demo opens this year's rounds, so it does not show every unit
 * thousands of days late.
 */
export function officialRounds(templates: readonly Template[], options: { year?: number } = {}): CreateRoundRequest[] {
  const { year } = options;
  return templates.map((t) => {
    const root = t.id.startsWith("sh-") ? SHANGHAI : HUANGSHAN;
    const round = {
      id: t.id,
      templateId: t.id,
      templateVersion: t.version,
      rootUnit: root.code,
      units: reportingUnits(root),
    };
    if (year === undefined) return round;
    const noticeYear = t.dueDate.slice(0, 4);
    return { ...round, period: t.period.replaceAll(noticeYear, String(year)), dueDate: sameDayIn(t.dueDate, year) };
  });
}

/**
 * A fresh production database's first contents: the unit trees and one admin
 * token (only its hash is stored). Templates and rounds then go through the
 * API (`publishOfficial`), so the Worker's own checks run on them.
 */
export function setupStatements(adminToken: string): Promise<string[]> {
  return seedStatements({
    units: UNIT_TREES,
    templates: [],
    rounds: [],
    tokens: [{ token: adminToken, role: "admin", unit: HUANGSHAN.code, label: "系统管理员" }],
  });
}

export type ApiCall = (method: "POST", path: string, body: unknown) => Promise<{ status: number; body: unknown }>;

/**
 * Publishes the official templates through `POST /templates` (201 new, 200
 * already published with the same content) and, with `openRounds`, opens one
 * round per template (201, or 409 when a round of that id exists). Any other
 * answer stops with the Worker's error.
 */
export async function publishOfficial(call: ApiCall, options: { openRounds: boolean }): Promise<string[]> {
  const done: string[] = [];
  const templates = officialTemplates();
  for (const t of OFFICIAL_TEMPLATES) {
    const res = await call("POST", "/templates", t);
    if (res.status !== 201 && res.status !== 200)
      throw new Error(`POST /templates ${t.id}: ${res.status} ${JSON.stringify(res.body)}`);
    done.push(`模板 ${t.id}@${t.version}：${res.status === 201 ? "已发布" : "已存在，内容一致"}`);
  }
  if (!options.openRounds) return done;
  for (const round of officialRounds(templates)) {
    const res = await call("POST", "/rounds", round);
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`POST /rounds ${round.id}: ${res.status} ${JSON.stringify(res.body)}`);
    done.push(`填报轮次 ${round.id}：${res.status === 201 ? "已开启" : "已存在"}`);
  }
  return done;
}
