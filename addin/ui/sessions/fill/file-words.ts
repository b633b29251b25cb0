/**
 * How /fill.html words what the server said about an uploaded file: each
 * problem as one line that starts with its Excel address (`B12 第 1 项「…」：…`),
 * and a refused file as a title, the cells concerned and what to do next.
 * Pure, so it is tested without a browser.
 */
import { conflictLine, problemLine, refusalHint } from "../../../../schemas/layout/form/file-words";
import type { ApiFailure } from "../../../sync/api-result";
import { isFileConflict, type FileProblem } from "../../../sync/form-file-guards";

import { isRecordLike, object, optional, str } from "../../../sync/guards";

export { conflictLine, problemLine };

/** A refused upload or action: nothing was stored. */
export interface Refusal {
  title: string;
  /** One line per cell or reason the server named. */
  lines: string[];
  /** What the clerk can do now. */
  hint: string;
}

export const FILL_OFFLINE = "无法连接服务器，请检查网络后重试（已填写的上报说明保存在本页，不会丢失）";

/** The id a warning's 上报说明 is kept under: the server's problem id, else its rule (one per rule on plain forms). */
export function problemId(p: FileProblem): string {
  return p.id ?? p.ruleId ?? p.key;
}

const isDetailLine = object({ message: str, address: optional(str) });

/** The cells and reasons in an error's details (a list, or `{conflicts}` / `{problems}` around one). */
export function detailLines(details: unknown): string[] {
  const inner = isRecordLike(details) ? ["conflicts", "problems", "cells"].map((k) => details[k]) : [];
  const list: unknown[] = Array.isArray(details) ? details : (inner.find(Array.isArray) ?? []);
  return list.flatMap((d): string[] => {
    if (isFileConflict(d)) return [conflictLine(d)];
    if (isDetailLine(d)) return [problemLine({ address: d.address ?? "", where: "", message: d.message })];
    return [];
  });
}

/** A failed upload (or 上报) → what the clerk reads; `what` names the action (上传、上报). */
export function refusalOf(res: ApiFailure, what: string): Refusal {
  if (res.offline) return { title: `${what}没有完成`, lines: [], hint: FILL_OFFLINE };
  if (res.status === 401) return { title: "登录已失效", lines: [res.message], hint: "请重新登录后再试。" };
  return {
    title: `${what}没有完成：${res.message}`,
    lines: detailLines(res.details),
    hint: refusalHint(res.code, res.status),
  };
}
