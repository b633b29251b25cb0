import { describe, expect, it } from "vitest";
import { DEMO_TOKENS, demoStatements, demoYear } from "../../scripts/demo";
import { officialRounds, officialTemplates } from "../../scripts/official";
import { daysLeft, isLate } from "../../schemas/time";
import { api, runSql } from "../worker/helpers";

/**
 * `npm start` opens the demo rounds for the current year: the notices' due dates
 * (2014-09-01, 2022-07-15 …) would show every unit 已逾期 four thousand days.
 * The due dates keep the notices' month and day. Without a year, the rounds
 * keep the notices' own dates (the browser tests check lateness against them).
 */
describe("the demo rounds", () => {
  const templates = officialTemplates();

  it("are opened for the year it is in China when npm start runs", () => {
    expect(demoYear(new Date("2026-06-01T00:00:00Z"))).toBe(2026);
    expect(demoYear(new Date("2026-12-31T15:59:59Z"))).toBe(2026);
    expect(demoYear(new Date("2026-12-31T16:00:00Z"))).toBe(2027); // midnight in Beijing
  });

  it("take the year's period and keep each notice's month and day as the due date", () => {
    const rounds = officialRounds(templates, { year: 2026 });
    expect(rounds).toHaveLength(templates.length);
    for (const round of rounds) {
      const template = templates.find((t) => t.id === round.templateId);
      expect(round.period, round.id).toBe("2026");
      expect(round.dueDate, round.id).toBe(`2026${template?.dueDate.slice(4)}`);
    }
    expect(rounds.find((r) => r.id === "sh-2014-jqzx")?.dueDate).toBe("2026-09-01");
  });

  it("fall on 28 February when a notice's 29 February has no such day that year", () => {
    const leap = templates.map((t, i) => (i === 0 ? { ...t, dueDate: "2024-02-29" } : t));
    expect(officialRounds(leap, { year: 2026 })[0]?.dueDate).toBe("2026-02-28");
    expect(officialRounds(leap, { year: 2028 })[0]?.dueDate).toBe("2028-02-29");
  });

  it("keep the notices' own dates when no year is given", () => {
    const rounds = officialRounds(templates);
    expect(rounds.every((r) => r.period === undefined && r.dueDate === undefined)).toBe(true);
  });

  it("loaded as the demo, show a filler this year's rounds, none of them months overdue", async () => {
    const now = new Date("2026-06-01T02:00:00Z");
    await runSql(await demoStatements({ year: demoYear(now) }));
    const filler = DEMO_TOKENS.find((t) => t.unit === "sh-huangpu")?.token as string;
    const res = await api(filler, "GET", "/rounds");
    expect(res.status).toBe(200);
    const dues = res.body.rounds.map((r: { dueDate: string; period: string }) => r.dueDate);
    expect(res.body.rounds.every((r: { period: string }) => r.period === "2026")).toBe(true);
    expect(dues).toContain("2026-09-01");
    for (const due of dues) {
      expect(isLate(due, now), due).toBe(false);
      expect(daysLeft(due, now), due).toBeLessThan(366);
    }
    // Tokens expire (issue 12): the demo's work for a year from the seed.
    const me = await api(filler, "GET", "/me");
    const days = (Date.parse(me.body.expiresAt as string) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365);
  });
});
