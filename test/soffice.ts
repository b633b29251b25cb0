/**
 * LibreOffice in headless mode, the real spreadsheet engine of the workbook
 * tests: `convert()` opens files and saves them in another format, which makes
 * LibreOffice recalculate every formula on load and store the results.
 *
 * Each call runs its own `soffice` process with a private profile, so parallel
 * test files never share (and lock) one. The profile sets "recalculate on
 * load: always" for Excel and ODF files (org.openoffice.Office.Calc/Formula/Load
 * OOXMLRecalcMode and ODFRecalcMode = 0): without it LibreOffice keeps the
 * cached results of a file written by Excel instead of computing them.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";

/** The soffice binary (scripts/test.mjs installs `libreoffice-calc-nogui` when it is missing). */
export const SOFFICE = process.env.SOFFICE_PATH ?? "/usr/bin/soffice";

/** Long enough for a first start on a busy 2-core machine with many files. */
const DEFAULT_TIMEOUT_MS = 180_000;

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

export function sofficeAvailable(): boolean {
  return existsSync(SOFFICE);
}

/**
 * Converts `inputs` (one path or many: one process opens them all, which is
 * much faster than one process per file) to `format` ("xlsx", "ods", "csv", or
 * a LibreOffice filter spec such as `csv:Text - txt - csv (StarCalc):44,34,76`)
 * in `outDir`; answers the output paths in the order of `inputs`.
 */
export async function convert(
  inputs: string | readonly string[],
  format: string,
  outDir: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<string[]> {
  if (!sofficeAvailable()) {
    throw new Error(
      `LibreOffice is missing (${SOFFICE}): install the Debian package libreoffice-calc-nogui ` +
        "(npm test does it) or set SOFFICE_PATH",
    );
  }
  const files = typeof inputs === "string" ? [inputs] : [...inputs];
  await mkdir(outDir, { recursive: true });
  const profile = await mkdtemp(join(tmpdir(), "huibiao-soffice-"));
  try {
    await mkdir(join(profile, "user"), { recursive: true });
    await writeFile(join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
    const args = [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--norestore",
      "--nolockcheck",
      "--convert-to",
      format,
      "--outdir",
      outDir,
      ...files,
    ];
    const output = await run(SOFFICE, args, timeoutMs);
    const ext = format.split(":")[0] as string;
    const outputs = files.map((f) => join(outDir, `${basename(f, extname(f))}.${ext}`));
    const made = new Set(await readdir(outDir));
    const missing = outputs.filter((o) => !made.has(basename(o)));
    if (missing.length > 0) {
      throw new Error(`LibreOffice did not write ${missing.map((m) => basename(m)).join(", ")}:\n${output}`);
    }
    return outputs;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, killSignal: "SIGKILL" }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      if (error) {
        const why = error.killed ? `timed out after ${timeoutMs} ms` : error.message;
        reject(new Error(`soffice ${why}:\n${output}`));
      } else resolve(output);
    });
  });
}
