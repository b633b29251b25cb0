import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../schemas/check";
import { OFFICIAL_TEMPLATES } from "../../schemas/forms";
import type { Template } from "../../schemas/template";
import { validate, Validator } from "../../schemas/validate";
import { applyChange, FILLED_FORMS } from "./fixtures/filled";

function published(id: string): Template {
  const input = OFFICIAL_TEMPLATES.find((t) => t.id === id);
  const checked = checkTemplate(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.template;
}

describe.each(FILLED_FORMS)("$templateId rules", ({ templateId, values, violations }) => {
  const template = published(templateId);

  it("passes when correctly filled", () => {
    expect(validate(template, values)).toEqual([]);
  });

  it.each(violations.map((v) => [v.ruleId, v] as const))("%s fires on its crafted violation", (_, v) => {
    const problems = validate(template, applyChange(values, v.change));
    // A roster rule fires once per row it concerns (a duplicate marks both rows).
    const fired = problems.filter((p) => p.ruleId === v.ruleId);
    expect(fired.length, `${v.ruleId} should fire`).toBeGreaterThan(0);
    expect([...new Set(fired.flatMap((p) => p.cells))].sort()).toEqual([...v.cells].sort());
    for (const p of fired) expect(p.message).not.toMatch(/\{[a-z_.]+\}/); // every placeholder filled in
    const others = new Set(problems.map((p) => p.ruleId));
    others.delete(v.ruleId);
    expect([...others].sort()).toEqual([...(v.alsoFires ?? [])].sort());
  });

  it("reaches the same verdicts one edit at a time", () => {
    const validator = new Validator(template, values);
    for (const v of violations) {
      const changes = Object.entries(v.change).map(([cell, value]) => ({ cell, value }));
      const undo = Object.keys(v.change).map((cell) => ({ cell, value: values[cell] ?? null }));
      const broke = validator.setMany(changes);
      expect(broke.appeared.map((p) => p.ruleId)).toContain(v.ruleId);
      expect(validator.problems()).toEqual(validate(template, applyChange(values, v.change)));
      validator.setMany(undo);
      expect(validator.problems()).toEqual([]);
    }
  });
});

describe("every official template passes the publishing check", () => {
  it.each(OFFICIAL_TEMPLATES.map((t) => [t.id, t] as const))("%s", (_, input) => {
    expect(checkTemplate(input)).toMatchObject({ ok: true });
  });
});
