import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "../../../schemas/check";
import { readDefinition } from "../../../schemas/definition/read";
import { templateToDefinition } from "../../../schemas/definition/write";
import { OFFICIAL_TEMPLATES } from "../../../schemas/forms";
import { Template } from "../../../schemas/template";
import { templateArbitrary } from "./template-arbitrary";

describe("definition workbook ⇄ template", () => {
  it.each(OFFICIAL_TEMPLATES.map((t) => [t.id, t] as const))("%s reads back identical", (_, input) => {
    const template = Template.parse(input);
    const read = readDefinition(templateToDefinition(template));
    if (!read.ok) expect.fail(read.issues.map((i) => i.message).join("\n"));
    expect(read.template).toStrictEqual(template);
  });
});

describe("generated templates", () => {
  it("read back identical from their definition workbook", () => {
    fc.assert(
      fc.property(templateArbitrary, (template) => {
        expect(checkTemplate(template)).toMatchObject({ ok: true });
        const read = readDefinition(templateToDefinition(template));
        if (!read.ok) expect.fail(read.issues.map((i) => i.message).join("\n"));
        expect(read.template).toStrictEqual(template);
      }),
      { numRuns: 300 },
    );
  });
});
