import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { draftFromText } from "../../../schemas/definition/draft-text";
import { guessPlace } from "../../../schemas/definition/guess-cells";
import { readDefinition } from "../../../schemas/definition/read";
import { bookOf, definitionLayouts, issueCell } from "../../../schemas/definition/sheet-layouts";
import { templateToDefinition } from "../../../schemas/definition/write";
import { OFFICIAL_TEMPLATES } from "../../../schemas/forms";
import { Template } from "../../../schemas/template";

const NOTICE = readFileSync(new URL("../../../docs/notices/shanghai-2014-156.txt", import.meta.url), "utf8");

describe("definition sheets drawn as form layouts", () => {
  it.each(OFFICIAL_TEMPLATES.map((t) => [t.id, Template.parse(t)] as const))(
    "%s: drawn, its cells read back as the same template",
    (_, template) => {
      const layouts = definitionLayouts(templateToDefinition(template));
      const held = new Map(layouts.map((l) => [l.sheet, Object.fromEntries(l.cells.map((c) => [c.key, c.initial]))]));
      const read = readDefinition(bookOf(layouts, (sheet) => held.get(sheet) ?? {}));
      expect(read.ok ? read.template : read.issues).toStrictEqual(template);
      for (const l of layouts) expect(new Set(l.cells.map((c) => c.key)).size, l.sheet).toBe(l.cells.length);
    },
  );

  it("offers each fixed-word column as a dropdown and prints the 表单 names", () => {
    const layouts = definitionLayouts(templateToDefinition(Template.parse(OFFICIAL_TEMPLATES[0])));
    const items = layouts.find((l) => l.sheet === "项目");
    expect(items?.validations.find((v) => v.range.startsWith("G2:"))?.rule).toMatchObject({
      type: "list",
      options: ["整数", "小数"],
    });
    const form = layouts.find((l) => l.sheet === "表单");
    expect(form?.texts.map((t) => t.text).slice(2, 4)).toEqual(["标识", "版本"]);
    expect(form?.cells.map((c) => c.key).slice(0, 2)).toEqual(["B2", "B3"]);
  });

  it("places every issue with a row and every drafted guess on its cell", () => {
    expect(issueCell({ sheet: "规则", row: 4, column: "公式" })).toEqual({ sheet: "规则", key: "C4" });
    expect(issueCell({ sheet: "表单", row: 3, column: "内容" })).toEqual({ sheet: "表单", key: "B3" });
    expect(issueCell({ sheet: "表单" })).toBeUndefined();
    const text = NOTICE.slice(NOTICE.indexOf("附件 1\n"), NOTICE.indexOf("附件 2\n"));
    const draft = draftFromText(text);
    const book = templateToDefinition(Template.parse(draft.template));
    const unplaced = draft.guesses.filter((g) => g.field !== "" && !guessPlace(book, g));
    expect(unplaced).toEqual([]);
    expect(guessPlace(book, { key: "", field: "issuer", message: "" })).toEqual({
      sheet: "表单",
      row: 5,
      column: "内容",
    });
  });
});
