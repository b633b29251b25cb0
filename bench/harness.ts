/**
 * A tiny benchmark harness. This machine is noisy, so absolute times are not
 * comparable between runs: every benchmark measures its baseline in the same
 * process, interleaved with the subject, and reports the ratio of medians.
 */
export interface Timing {
  median: number;
  runs: number;
}

function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Runs `subject` and `baseline` alternately for about `budgetMs`, after a warm-up. */
export function compare(
  subject: () => unknown,
  baseline: () => unknown,
  budgetMs = 1500,
): { subject: Timing; baseline: Timing } {
  for (let i = 0; i < 3; i++) {
    subject();
    baseline();
  }
  const a: number[] = [];
  const b: number[] = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end || a.length < 5) {
    a.push(time(subject));
    b.push(time(baseline));
  }
  return { subject: summarise(a), baseline: summarise(b) };
}

export async function compareAsync(
  subject: () => Promise<unknown>,
  baseline: () => Promise<unknown>,
  rounds = 15,
): Promise<{ subject: Timing; baseline: Timing }> {
  const a: number[] = [];
  const b: number[] = [];
  await subject();
  await baseline();
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await subject();
    a.push(performance.now() - t);
    t = performance.now();
    await baseline();
    b.push(performance.now() - t);
  }
  return { subject: summarise(a), baseline: summarise(b) };
}

/** Median of measured times (ms). */
export function summarise(xs: number[]): Timing {
  const sorted = [...xs].sort((x, y) => x - y);
  return { median: sorted[Math.floor(sorted.length / 2)] as number, runs: xs.length };
}

const rows: string[][] = [];

/** Records one line of the report: what, subject vs baseline, ratio, and the goal if any. */
export function report(name: string, r: { subject: Timing; baseline: Timing }, goal?: string): number {
  const ratio = r.subject.median / r.baseline.median;
  rows.push([
    name,
    `${r.subject.median.toFixed(3)} ms`,
    `${r.baseline.median.toFixed(3)} ms`,
    `${ratio.toFixed(2)}×`,
    goal ?? "",
  ]);
  return ratio;
}

export function note(name: string, value: string, goal = ""): void {
  rows.push([name, value, "", "", goal]);
}

export function printReport(title: string): void {
  const header = ["benchmark", "subject (median)", "baseline (median)", "ratio", "goal"];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ""))));
  console.log(`\n## ${title}`);
  for (const r of all) console.log(r.map((c, i) => c + " ".repeat((widths[i] ?? 0) - width(c))).join("  "));
  rows.length = 0;
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}
