/**
 * The filler's way through the pane: 我的填报任务 → one open form. app.ts
 * routes here by role and keeps the header, the status line and sign-out;
 * this module owns everything below them, as officer/officer-pane.ts does for
 * reviewers and admins.
 */
import { buildLayout } from "../../../schemas/layout/form/layout";
import type { AutoOpen } from "../../sheet/auto-open";
import type { FormWorkbook } from "../../sheet/form-workbook";
import type { ApiClient, ExportFile } from "../../sync/api-client";
import { failureKind } from "../../sync/api-result";
import { formFileName } from "../sessions/fill/file-name";
import { browserDownload, fillPageUrl } from "./download";
import type { KeyValueStore } from "../../sync/storage";
import { describeError } from "../sessions/describe-error";
import { FormSession } from "../sessions/form-session";
import { loadMyRounds } from "../sessions/my-rounds";
import type { MyRound, PaneStore } from "../sessions/pane-store";
import { roundTemplate } from "../sessions/round-template";
import { formView, type FormView } from "./form-view";
import type { Say } from "./pane-frame";
import { roundsView } from "./rounds-view";

export interface FillerPaneOptions {
  api: ApiClient;
  pane: PaneStore;
  workbook: FormWorkbook;
  /** Where each form keeps its outbox. */
  store: KeyValueStore;
  /** Where unsent sensitive values wait (sync/outbox.ts); one for the pane's life, shared by its forms. */
  volatile: KeyValueStore;
  autoOpen?: AutoOpen;
  /** Replaces what the pane shows below its header. */
  show(el: HTMLElement): void;
  say: Say;
  /** The token stopped working. */
  signedOut(): void;
  /** Closes whatever else the pane has open before this pane's screens replace it. */
  closeOthers(): Promise<void>;
  /** Hands a file to the browser (a download); default `browserDownload`. */
  download?(file: ExportFile): void;
}

export interface FillerPane {
  showRounds(): Promise<void>;
  open(roundId: string): Promise<void>;
  session(): FormSession | undefined;
  close(): Promise<void>;
}

export function createFillerPane(options: FillerPaneOptions): FillerPane {
  const { api, pane, say } = options;
  let session: FormSession | undefined;
  let view: FormView | undefined;
  let rounds: MyRound[] = [];

  async function close(): Promise<void> {
    view?.dispose();
    view = undefined;
    const s = session;
    session = undefined;
    await s?.dispose();
  }

  async function showRounds(): Promise<void> {
    await options.closeOthers();
    await close();
    pane.lastRound = null;
    say("正在载入填报任务…");
    const loaded = await loadMyRounds(api, pane);
    if (loaded === "signed-out") return options.signedOut();
    if (!pane.token) return;
    rounds = loaded.rounds;
    say("");
    options.show(
      roundsView({
        rounds,
        note: loaded.note,
        now: new Date(),
        open: (id) => void open(id),
        reload: () => void showRounds(),
        download: (id) => void downloadForm(id),
      }),
    );
  }

  /** 下载离线填报表: the unit's form as a workbook, for a colleague without the add-in or for the record. */
  async function downloadForm(roundId: string): Promise<void> {
    const me = pane.me;
    const mine = rounds.find((r) => r.round.id === roundId);
    if (!me || !mine) return;
    say("正在生成离线填报表…");
    const res = await api.formFile(roundId, me.unit.code);
    if (!res.ok) {
      if (failureKind(res) === "signed-out") return options.signedOut();
      return say(res.offline ? "无法连接服务器，请联网后再下载" : `下载离线填报表没有完成：${res.message}`, "error");
    }
    const filename = formFileName(res.data.filename, me.unit.name, mine.round.title);
    (options.download ?? browserDownload)({ blob: res.data.blob, filename });
    // Excel desktop's pane may drop the download silently: say where else the same file is.
    say(`已下载「${filename}」。如果没有看到文件，请用浏览器打开 ${fillPageUrl()} 下载。`);
  }

  async function open(roundId: string): Promise<void> {
    const me = pane.me;
    const mine = rounds.find((r) => r.round.id === roundId) ?? pane.rounds?.find((r) => r.round.id === roundId);
    if (!me || !mine) {
      say("找不到这张报表，请刷新列表", "error");
      return;
    }
    say("正在打开报表…");
    try {
      const got = await roundTemplate(api, pane, mine.round);
      if (!got.ok) {
        say(got.offline ? "无法连接服务器，这张报表还没有在本机打开过，联网后再试" : got.message, "error");
        return;
      }
      const { template } = got;
      await options.closeOthers();
      await close();
      const layout = buildLayout(template, { unitName: me.unit.name });
      const opened = await FormSession.open({
        template,
        layout,
        workbook: options.workbook,
        api,
        store: options.store,
        volatile: options.volatile,
        round: roundId,
        unit: me.unit.code,
        autoOpen: options.autoOpen,
      });
      session = opened.session;
      pane.lastRound = roundId;
      view = formView(session, () => void showRounds(), say);
      options.show(view.el);
      say(opened.reopened ? `已连接工作表「${layout.sheet}」` : `已生成工作表「${layout.sheet}」，请在浅蓝色格中填报`);
    } catch (e) {
      say(describeError(e), "error");
    }
  }

  return {
    showRounds,
    open,
    session: () => session,
    close,
  };
}
