import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PREVIEW_DEMO_TOKENS } from "../../../addin/preview/demo-tokens";

describe("the preview's demo tokens", () => {
  it("are exactly the tokens the demo seed creates", () => {
    const seeded = [...readFileSync("scripts/demo.ts", "utf8").matchAll(/token: "(hb_demo_[a-z_]+)"/g)].map(
      (m) => m[1],
    );
    expect(PREVIEW_DEMO_TOKENS.map((t) => t.token).sort()).toEqual(seeded.sort());
  });
});
