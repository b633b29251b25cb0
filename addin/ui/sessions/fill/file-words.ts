/**
 * How /fill.html words what the server said about an uploaded file: each
 * problem as one line that starts with its Excel address (`B12 第 1 项「…」：…`),
 * and a refused file as a title, the cells concerned and what to do next.
 * Pure, so it is tested without a browser.
 */
import type { ApiFailure } from "../../../sync/api-result";
import { isFileConflict, type FileConflict, type FileProblem } from "../../../sync/form-file-guards";
import { isRecordLike, object, optional, str } from "../../../sync/guards";

/** A refused upload or action: nothing was stored. */
export interface Refusal {
  title: string;
  /** One line per cell or reason the server named. */
  lines: string[];
  /** What the clerk can do now. */
  hint: string;
}

export const FILL_OFFLINE = "无法连接服务器，请检查网络后重试（已填写的上报说明保存在本页，不会丢失）";

/** `B12 第 1 项「共筹集资金」：应等于…`; the form's wording once, even when the message already starts with it. */
export function problemLine(p: Pick<FileProblem, "address" | "where" | "message">): string {
  const text = !p.where || p.message.startsWith(p.where) ? p.message : `${p.where}：${p.message}`;
  return p.address ? `${p.address} ${text}` : text;
}

/** The id a warning's 上报说明 is kept under: the server's problem id, else its rule (one per rule on plain forms). */
export function problemId(p: FileProblem): string {
  return p.id ?? p.ruleId ?? p.key;
}

const blank = (v: string | null) => (v === null || v === "" ? "（空）" : `「${v}」`);

export function conflictLine(c: FileConflict): string {
  const where = c.where ? ` ${c.where}` : "";
  return `${c.address}${where}：您的文件中为${blank(c.mine)}，他人已在服务器上改为${blank(c.theirs)}`;
}

const isDetailLine = object({ message: str, address: optional(str) });

/** The cells and reasons in an error's details (a list, or `{conflicts}` / `{problems}` around one). */
export function detailLines(details: unknown): string[] {
  const inner = isRecordLike(details) ? ["conflicts", "problems", "cells"].map((k) => details[k]) : [];
  const list: unknown[] = Array.isArray(details) ? details : (inner.find(Array.isArray) ?? []);
  return list.flatMap((d): string[] => {
    if (isFileConflict(d)) return [conflictLine(d)];
    if (isDetailLine(d)) return [d.address ? `${d.address} ${d.message}` : d.message];
    return [];
  });
}

/** What to do after each refusal, by the server's code. */
const HINTS: Record<string, string> = {
  conflict: "这些单元格在您下载之后被他人改过。请重新下载填报表（已含最新内容），核对这些单元格后再上传。",
  edit_conflict: "这些单元格在您下载之后被他人改过。请重新下载填报表（已含最新内容），核对这些单元格后再上传。",
  layout_changed: "请不要在表中插入、删除或移动行列。请重新下载填报表，把数据填入新表后再上传。",
  form_outdated: "报表格式已更新。请重新下载填报表，把数据填入新表后再上传。",
  wrong_form: "请确认选择的是本单位、本次填报的文件（可重新下载填报表）。",
  not_a_form: "请上传从本页或汇表插件下载的填报表（.xlsx），不要另存为其他格式。",
  unreadable_file: "文件可能已损坏或不是 .xlsx 格式。请在 Excel 或 WPS 中打开后另存为 .xlsx 再上传。",
  invalid_values: "请按所列单元格修改内容后重新上传。",
  payload_too_large: "文件过大。请删除表外多余的内容或图片后再上传。",
  invalid_transition: "报表已上报或已审核，不能再修改；如需修改，请联系上级退回。",
  round_locked: "本轮填报已锁定，不能再修改。",
  not_found: "请确认选择的是本单位、本次填报的文件。",
};

/** A failed upload (or 上报) → what the clerk reads; `what` names the action (上传、上报). */
export function refusalOf(res: ApiFailure, what: string): Refusal {
  if (res.offline) return { title: `${what}没有完成`, lines: [], hint: FILL_OFFLINE };
  if (res.status === 401) return { title: "登录已失效", lines: [res.message], hint: "请重新登录后再试。" };
  const hint: string =
    HINTS[res.code] ??
    (res.status === 403
      ? "请使用本单位的访问令牌登录。"
      : res.status >= 500
        ? "服务器暂时无法处理，请稍后重试。"
        : "请按提示修改后重试。");
  return { title: `${what}没有完成：${res.message}`, lines: detailLines(res.details), hint };
}
