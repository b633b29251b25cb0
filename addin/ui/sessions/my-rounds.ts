/** 我的填报任务 as data: my rounds with the status of my report, from the cache when the server cannot be reached. */
import type { ApiClient } from "../../sync/api-client";
import { failureKind } from "../../sync/api-result";
import type { MyRound, PaneStore } from "./pane-store";

export interface MyRounds {
  rounds: MyRound[];
  /** Why the list may be stale (shown from the cache). */
  note?: string;
}

/** "signed-out" when the token no longer works. */
export async function loadMyRounds(api: ApiClient, pane: PaneStore): Promise<MyRounds | "signed-out"> {
  const me = pane.me;
  const res = await api.rounds();
  if (!res.ok) {
    if (failureKind(res) === "signed-out") return "signed-out";
    const cached = pane.rounds ?? [];
    return { rounds: cached, note: res.offline ? "无法连接服务器，显示的是上次的列表" : res.message };
  }
  const list = await Promise.all(
    res.data.rounds.map(async (round): Promise<MyRound> => {
      const r = await api.roundReports(round.id);
      const mine = r.ok ? r.data.reports.find((x) => x.unit === me?.unit.code) : undefined;
      return { round, status: mine?.status ?? null, late: mine?.late ?? false };
    }),
  );
  pane.rounds = list;
  return { rounds: list };
}
