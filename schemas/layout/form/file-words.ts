/**
 * How a problem or a refusal of an uploaded form workbook is worded for a
 * clerk: each cell by its Excel address first (`B12 第 1 项「…」：…`), then
 * what to do. One wording for /fill.html's script (addin/ui/sessions/fill) and
 * for the page the Worker answers when the script does not run (worker/fill).
 */

/** A problem placed in the file (the import's FileProblem, or a refusal's detail). */
export interface PlacedProblem {
  /** `C12`; empty when the problem has no cell. */
  address: string;
  /** How the form names the cell: 第 1 项「共筹集资金」; may be empty. */
  where: string;
  message: string;
}

/** A cell the file and someone else changed differently since the download (409 `conflict`). */
export interface PlacedConflict {
  address: string;
  where: string;
  mine: string | null;
  theirs: string | null;
}

/** `B12 第 1 项「共筹集资金」：应等于…`; the form's wording once, even when the message already starts with it. */
export function problemLine(p: PlacedProblem): string {
  // Some messages already start with the address (the import's invalid_values), some with the wording.
  const message =
    p.address && p.message.startsWith(`${p.address} `) ? p.message.slice(p.address.length + 1) : p.message;
  const text = !p.where || message.startsWith(p.where) ? message : `${p.where}：${message}`;
  return p.address ? `${p.address} ${text}` : text;
}

const shown = (v: string | null) => (v === null || v === "" ? "（空）" : `「${v}」`);

export function conflictLine(c: PlacedConflict): string {
  const where = c.where ? ` ${c.where}` : "";
  return `${c.address}${where}：您的文件中为${shown(c.mine)}，他人已在服务器上改为${shown(c.theirs)}`;
}

const REDOWNLOAD = "这些单元格在您下载之后被他人改过。请重新下载填报表（已含最新内容），核对这些单元格后再上传。";

/** What to do after a refused upload, by the server's error code. */
const HINTS: Record<string, string> = {
  conflict: REDOWNLOAD,
  edit_conflict: REDOWNLOAD,
  layout_changed: "请不要在表中插入、删除或移动行列。请重新下载填报表，把数据填入新表后再上传。",
  form_outdated: "报表格式已更新。请重新下载填报表，把数据填入新表后再上传。",
  wrong_form: "请确认选择的是本单位、本次填报的文件（可重新下载填报表）。",
  not_a_form: "请上传从 fill.html 或汇表插件下载的填报表（.xlsx），不要另存为其他格式。",
  unreadable_file: "文件可能已损坏或不是 .xlsx 格式。请在 Excel 或 WPS 中打开后另存为 .xlsx 再上传。",
  unsupported_media_type: "请选择 .xlsx 格式的填报表文件。",
  invalid_values: "请按所列单元格修改内容后重新上传。",
  payload_too_large: "文件过大。请删除表外多余的内容或图片后再上传。",
  invalid_transition: "报表已上报或已审核，不能再修改；如需修改，请联系上级退回。",
  round_locked: "本轮填报已锁定，不能再修改。",
  unauthorized: "请核对访问令牌后重新登录。",
  token_expired: "请向管理员申请新的访问令牌。",
  token_revoked: "请向管理员申请新的访问令牌。",
  not_found: "请确认选择的是本单位、本次填报的文件，并使用本单位的访问令牌。",
  forbidden: "请使用本单位的访问令牌。",
};

export function refusalHint(code: string, status: number): string {
  return (
    HINTS[code] ??
    (status === 403 ? HINTS.forbidden : undefined) ??
    (status >= 500 ? "服务器暂时无法处理，请稍后重试。" : "请按提示修改后重试。")
  );
}
