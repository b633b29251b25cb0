/**
 * The small zh-CN page POST /fill/upload answers when /fill.html's script did
 * not run (an old browser, script switched off): the same problems list as the
 * scripted page, by Excel address, errors and warnings apart, or why the file
 * was refused and what to do. Plain HTML and the page's stylesheet, no script.
 */
import { conflictLine, problemLine, refusalHint } from "../../schemas/layout/form/file-words";
import type { PlacedConflict, PlacedProblem } from "../../schemas/layout/form/file-words";

export interface CheckedFile {
  unitName: string;
  title: string;
  changed: number;
  merged: number;
  errors: PlacedProblem[];
  warnings: PlacedProblem[];
}

export interface RefusedFile {
  code: string;
  status: number;
  message: string;
  details: unknown;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function list(id: string, tone: "error" | "warning", lines: readonly string[]): string {
  const items = lines.map((l) => `<li class="fill-problem fill-${tone}">${escapeHtml(l)}</li>`).join("");
  return `<ul class="fill-problems" id="${id}">${items}</ul>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · 汇表</title>
<link rel="stylesheet" href="/fill.css">
</head>
<body>
<header class="fill-head"><span class="fill-logo" aria-hidden="true">汇</span><div><h1>汇表 · 离线填报</h1></div></header>
<main class="fill-app" id="fill-answer">
${body}
<p><a href="/fill.html">返回上传页面</a>（修改文件后可以再次上传）</p>
</main>
</body>
</html>`;
}

export function checkedPage(f: CheckedFile): string {
  const merged = f.merged > 0 ? `，并保留了他人在此期间修改的 ${f.merged} 格` : "";
  const verdict =
    f.errors.length > 0
      ? `文件已收到，发现 ${f.errors.length} 个错误：请在文件中按单元格位置修改后重新上传。`
      : f.warnings.length > 0
        ? `文件已保存。有 ${f.warnings.length} 个警告：上报前需要为每个警告填写上报说明（请用新版浏览器打开 fill.html，或在汇表插件中填写）。`
        : "文件已保存，检查通过。请用新版浏览器打开 fill.html 或在汇表插件中上报。";
  const body = `<section class="fill-card" id="fill-check">
<h2>${escapeHtml(`${f.unitName} · ${f.title}`)}</h2>
<p class="fill-status" data-tone="${f.errors.length > 0 ? "error" : "ok"}" id="fill-message">${escapeHtml(verdict)}</p>
<p class="fill-hint">本次上传修改了 ${f.changed} 格${escapeHtml(merged)}。</p>
<h3>错误 ${f.errors.length} 个</h3>
${f.errors.length > 0 ? list("fill-errors", "error", f.errors.map(problemLine)) : '<p class="fill-hint">没有错误。</p>'}
<h3>警告 ${f.warnings.length} 个</h3>
${f.warnings.length > 0 ? list("fill-warnings", "warning", f.warnings.map(problemLine)) : '<p class="fill-hint">没有警告。</p>'}
</section>`;
  return page("检查结果", body);
}

const isPlaced = (d: unknown): d is { address?: string; message: string } =>
  typeof d === "object" && d !== null && typeof (d as { message?: unknown }).message === "string";
const isConflict = (d: unknown): d is PlacedConflict =>
  typeof d === "object" &&
  d !== null &&
  "mine" in d &&
  "theirs" in d &&
  typeof (d as { address?: unknown }).address === "string";

/** The cells a refusal names: its details as a list, or the list inside them. */
export function refusalLines(details: unknown): string[] {
  const inner =
    typeof details === "object" && details !== null && !Array.isArray(details)
      ? Object.values(details).find(Array.isArray)
      : undefined;
  const items: unknown[] = Array.isArray(details) ? details : (inner ?? []);
  return items.flatMap((d) => {
    if (isConflict(d)) return [conflictLine({ ...d, where: d.where ?? "" })];
    if (isPlaced(d)) return [problemLine({ address: d.address ?? "", where: "", message: d.message })];
    return [];
  });
}

export function refusedPage(r: RefusedFile): string {
  const lines = refusalLines(r.details);
  const body = `<section class="fill-card fill-refusal" id="fill-refusal">
<h2>上传没有完成：${escapeHtml(r.message)}</h2>
${lines.length > 0 ? list("fill-refusal-lines", "error", lines) : ""}
<p class="fill-hint">${escapeHtml(refusalHint(r.code, r.status))}</p>
<p class="fill-hint">文件没有保存，服务器上的报表没有改动。</p>
</section>`;
  return page("上传没有完成", body);
}
