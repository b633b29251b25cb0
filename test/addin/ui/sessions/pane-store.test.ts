/**
 * The pane's template cache across the rename of a roster section's kind: a
 * template cached before D1 migration …_roster_sections.sql still says
 * `kind: "list"`, and published versions are never fetched again once cached.
 */
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../../../addin/sync/storage";
import { PaneStore, rosterSections } from "../../../../addin/ui/sessions/pane-store";
import { buildLayout } from "../../../../schemas/layout/form/layout";
import { validate } from "../../../../schemas/validate";
import { MINI } from "../../../schemas/fixtures/mini";

/** MINI as an add-in of before the rename cached it: JSON with the old word. */
function cachedTheOldWay(store: MemoryStore): void {
  const text = JSON.stringify(MINI);
  expect(text).toContain('"kind":"roster"');
  store.set(`template:${MINI.id}@${MINI.version}`, text.replace('"kind":"roster"', '"kind":"list"'));
}

describe("PaneStore.template — roster sections cached as kind list", () => {
  it("reads them back as kind roster, the template otherwise unchanged", () => {
    const store = new MemoryStore();
    cachedTheOldWay(store);
    const template = new PaneStore(store).template(MINI.id, MINI.version);
    expect(template).toEqual(MINI);
    expect(template?.sections.map((s) => s.kind)).toContain("roster");
  });

  it("gives a form whose roster is laid out and checked", () => {
    const store = new MemoryStore();
    cachedTheOldWay(store);
    const template = new PaneStore(store).template(MINI.id, MINI.version)!;
    expect(buildLayout(template)).toEqual(buildLayout(MINI));
    // The roster's row rules run (they compile for roster sections only).
    const values = { "roster.r0001.amount": "3000" };
    expect(validate(template, values).map((p) => p.ruleId)).toContain("cap");
    expect(validate(template, values)).toEqual(validate(MINI, values));
  });

  it("leaves a template with nothing to upgrade as it is", () => {
    expect(rosterSections(MINI)).toBe(MINI);
    const store = new MemoryStore();
    const pane = new PaneStore(store);
    pane.saveTemplate(MINI);
    expect(pane.template(MINI.id, MINI.version)).toEqual(MINI);
    expect(pane.template("absent", 1)).toBeNull();
  });
});

describe("PaneStore — the first 上报 attempt of a report", () => {
  it("is remembered per round and unit, across a new pane over the same storage", () => {
    const store = new MemoryStore();
    expect(new PaneStore(store).triedSubmit("r1", "u1")).toBe(false);
    new PaneStore(store).setTriedSubmit("r1", "u1");
    const reloaded = new PaneStore(store);
    expect(reloaded.triedSubmit("r1", "u1")).toBe(true);
    expect(reloaded.triedSubmit("r1", "u2")).toBe(false);
    expect(reloaded.triedSubmit("r2", "u1")).toBe(false);
    reloaded.signOut();
    expect(reloaded.triedSubmit("r1", "u1")).toBe(true);
  });
});
