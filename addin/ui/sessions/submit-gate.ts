/** Why 上报 is not possible right now, in words the clerk can act on; null when it is. */
import type { ReportStatus } from "../../../schemas/api/reports";
import type { ProblemSummary } from "./problem-map";
import type { SyncSnapshot } from "../../sync/sync-state";

export interface SubmitContext {
  summary: ProblemSummary;
  sync: SyncSnapshot;
  status: ReportStatus | null;
  locked: boolean;
}

export function submitBlocker({ summary, sync, status, locked }: SubmitContext): string | null {
  if (locked) return "本轮填报已锁定，不能再修改或上报";
  if (status === "submitted") return "已上报，等待审核。如需修改，请联系审核人退回";
  if (status === "approved") return "已审核通过，报表为只读";
  if (summary.errors > 0) {
    const first = summary.entries.find((e) => e.severity === "error");
    return `还有 ${summary.errors} 个错误，改正后才能上报。${first ? `例如：${first.message}` : ""}`;
  }
  if (summary.unexplained > 0) return `还有 ${summary.unexplained} 个警告未填写上报说明，请在问题列表中填写`;
  switch (sync.state.kind) {
    case "conflict":
      return "有单元格与他人的修改冲突，请先选择保留哪个值";
    case "signed-out":
      return "登录已失效，请重新登录后上报";
    case "offline":
      return "网络不可用，联网并同步后才能上报";
    case "error":
      return sync.state.retrying ? null : `有修改未能保存：${sync.state.message}`;
    default:
      return null;
  }
}
