/** The officer pane's zh-CN sentences for API failures and action outcomes. Pure. */
import type { ApiFailure } from "../../../sync/api-result";

export const OFFICER_OFFLINE = "无法连接服务器，请检查网络后重试";

/** A failed call → one sentence; `what` names the action (退回、审核通过、打开 …). */
export function failureText(res: ApiFailure, what: string): string {
  if (res.offline) return `${what}没有完成：${OFFICER_OFFLINE}`;
  if (res.status === 401) return "登录已失效，请重新登录";
  if (res.code === "precondition_failed")
    return `${what}没有完成：该单位的报表刚刚有了变化，已为您刷新，请核对后再操作`;
  if (res.code === "round_locked") return `${what}没有完成：本轮填报已锁定，不能再更改`;
  if (res.status === 403) return `${what}没有完成：${res.message || "您的账号无权执行此操作"}`;
  return `${what}没有完成：${res.message}`;
}
