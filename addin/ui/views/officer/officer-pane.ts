/**
 * The reviewer's and admin's way through the pane: 审核 round list → one
 * round's officer sheets. app.ts routes here by role and keeps the header,
 * the status line and sign-out (pane-frame.ts); this module owns everything
 * below them, as filler-pane.ts does for fillers.
 */
import type { Me } from "../../../../schemas/api/me";
import type { Round } from "../../../../schemas/api/rounds";
import type { OfficerWorkbook } from "../../../sheet/officer-workbook";
import type { FormWorkbook } from "../../../sheet/form-workbook";
import type { ApiClient, ExportFile } from "../../../sync/api-client";
import { failureKind } from "../../../sync/api-result";
import { describeError } from "../../sessions/describe-error";
import type { PaneStore } from "../../sessions/pane-store";
import { roundTemplate } from "../../sessions/round-template";
import { failureText } from "../../sessions/officer/messages";
import { OfficerSession } from "../../sessions/officer/officer-session";
import { officerRoundsView, type OfficerRound } from "./officer-rounds-view";
import { officerView, type OfficerView } from "./officer-view";
import { roundProgress } from "../../sessions/officer/progress";
import { defaultNode } from "../../sessions/officer/unit-tree";
import { browserDownload } from "../download";
import { createAuthorPane, type AuthorPane } from "../author/author-pane";
import { canAuthor } from "../../sessions/author/can-author";
import { SHEETS } from "../../../../schemas/definition/sheets";

export interface OfficerPaneOptions {
  api: ApiClient;
  pane: PaneStore;
  sheets: OfficerWorkbook;
  forms: FormWorkbook;
  /** Replaces what the pane shows below its header. */
  show(el: HTMLElement): void;
  say(text: string, tone?: "info" | "error"): void;
  /** The token stopped working. */
  signedOut(): void;
  /** Hands an export to the browser (a download). */
  download?(file: ExportFile): void;
  poll?: { minMs?: number; maxMs?: number };
}

export interface OfficerPane {
  showRounds(): Promise<void>;
  open(roundId: string): Promise<void>;
  session(): OfficerSession | undefined;
  close(): Promise<void>;
}

export function createOfficerPane(options: OfficerPaneOptions): OfficerPane {
  const { api, pane } = options;
  let session: OfficerSession | undefined;
  let view: OfficerView | undefined;
  let rounds: Round[] = [];
  let author: AuthorPane | undefined;

  /**
   * 新建表单 (or, with `resume`, 继续编辑表单定义 of the sheets the workbook
   * holds), offered only to who may author; the Worker decides again on 发布.
   */
  function authorAction(resume = false): (() => void) | undefined {
    const me = pane.me;
    if (!me || !canAuthor(me)) return undefined;
    return () => {
      void close().then(() => {
        author = createAuthorPane({
          api,
          me,
          forms: options.forms,
          show: options.show,
          say: options.say,
          back: () => void showRounds(),
        });
        return resume ? author.resume() : author.start();
      });
    };
  }

  /** The definition lives in the workbook: after a reload or a new sign-in, offered straight from the list. */
  async function resumeAction(): Promise<(() => void) | undefined> {
    if (!pane.me || !canAuthor(pane.me)) return undefined;
    const held = await options.forms.hasSheet(SHEETS.form).catch(() => false);
    return held ? authorAction(true) : undefined;
  }

  async function close(): Promise<void> {
    const a = author;
    author = undefined;
    await a?.close();
    view?.dispose();
    view = undefined;
    const s = session;
    session = undefined;
    await s?.dispose();
  }

  async function showRounds(): Promise<void> {
    await close();
    pane.lastRound = null;
    options.say("正在载入各单位的报表…");
    const res = await api.rounds();
    if (!res.ok) {
      if (failureKind(res) === "signed-out") return options.signedOut();
      options.say(failureText(res, "读取报表列表"), "error");
      options.show(
        officerRoundsView({
          rounds: [],
          note: res.message,
          now: new Date(),
          open: (id) => void open(id),
          reload: () => void showRounds(),
          author: authorAction(),
        }),
      );
      return;
    }
    rounds = res.data.rounds;
    const now = new Date();
    const list = await Promise.all(
      rounds.map(async (round): Promise<OfficerRound> => {
        const r = await api.roundReports(round.id);
        return { round, progress: r.ok ? roundProgress(r.data.reports, round.dueDate, now) : null };
      }),
    );
    const resumeAuthor = await resumeAction();
    options.say("");
    options.show(
      officerRoundsView({
        rounds: list,
        now,
        open: (id) => void open(id),
        reload: () => void showRounds(),
        author: authorAction(),
        resumeAuthor,
      }),
    );
  }

  async function open(roundId: string): Promise<void> {
    const me: Me | null = pane.me;
    const round = rounds.find((r) => r.id === roundId);
    if (!me || !round) {
      options.say("找不到这张报表，请刷新列表", "error");
      return;
    }
    options.say("正在汇总…");
    try {
      const [got, units] = await Promise.all([roundTemplate(api, pane, round), api.units()]);
      if (!got.ok) return options.say(failureText(got, "读取报表模板"), "error");
      if (!units.ok) return options.say(failureText(units, "读取单位树"), "error");
      await close();
      const { template } = got;
      const tree = units.data.roots;
      session = await OfficerSession.open({
        api,
        sheets: options.sheets,
        forms: options.forms,
        round,
        template,
        tree,
        node: defaultNode(tree, round.rootUnit, me.unit.code),
        poll: options.poll,
        chartCell: pane.chartItem(template.id),
        onChartItem: (cell) => pane.setChartItem(template.id, cell),
        signedOut: () => void close().then(() => options.signedOut()),
      });
      pane.lastRound = roundId;
      view = officerView(session, () => void showRounds(), options.download ?? browserDownload);
      options.show(view.el);
      options.say("");
    } catch (e) {
      options.say(describeError(e), "error");
    }
  }

  return {
    showRounds,
    open,
    session: () => session,
    close,
  };
}
