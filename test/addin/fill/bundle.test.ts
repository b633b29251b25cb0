import { build } from "esbuild";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FILL_MAX_BYTES, fillBundle } from "../../../scripts/fill-bundle.mjs";

describe("fill.js, the script of /fill.html", () => {
  it("builds for es2017 as a classic script without warnings, and stays small", async () => {
    const root = join(import.meta.dirname, "..", "..", "..");
    const result = await build({
      ...fillBundle(root),
      write: false,
      outdir: "/tmp/fill-bundle-test",
      logLevel: "silent",
    });
    // A warning here is syntax es2017 cannot express (a BigInt literal from the engine, say).
    expect(result.warnings.map((w) => w.text)).toEqual([]);
    const out = result.outputFiles?.[0];
    expect(out?.contents.byteLength).toBeLessThan(FILL_MAX_BYTES);
    const text = out?.text ?? "";
    expect(text).toMatch(/^"use strict";\(\(\)=>\{/);
    expect(text).not.toMatch(/\bimport\s*[{*]|\bexport\s*[{*]/);
  });
});
