/**
 * The task pane: 登录 → the round list for my role → one open form (a filler)
 * or one round's officer sheets (reviewers and admins). It sees the workbook
 * only through `FormWorkbook`/`OfficerWorkbook`, so the same code runs inside
 * Excel (Office.js adapters) and in the preview page (memory workbooks).
 * Everything the clerk sees is zh-CN and every failure ends up as a sentence
 * in the pane, never as an exception.
 *
 * This file only wires the parts together:
 *   pane-frame.ts            header, status line, the area below them
 *   sign-in-view.ts          登录 (the token is checked by sessions/account.ts)
 *   filler-pane.ts           我的填报任务 → one form (sessions/form-session.ts)
 *   officer/officer-pane.ts  审核 → one round's officer sheets
 *   host-events.ts           focus and network hints to the open form
 *   sign-out-view.ts         退出登录 with unsent edits (sessions/sign-out.ts)
 *   sessions/pane-store.ts   what the pane keeps on this device
 */
import type { Me } from "../../../schemas/api/me";
import type { AutoOpen } from "../../sheet/auto-open";
import type { OfficerWorkbook } from "../../sheet/officer-workbook";
import type { FormWorkbook } from "../../sheet/form-workbook";
import type { FetchLike } from "../../sync/api-client";
import { MemoryStore, type KeyValueStore } from "../../sync/storage";
import { createAccount } from "../sessions/account";
import type { FormSession } from "../sessions/form-session";
import type { OfficerSession } from "../sessions/officer/officer-session";
import { PaneStore } from "../sessions/pane-store";
import { discardOutboxes, unsentEdits, unsentWarning } from "../sessions/sign-out";
import { hasExpired, signedOutMessage } from "../sessions/token-expiry";
import { clear } from "./dom";
import { createFillerPane } from "./filler-pane";
import { forwardHostEvents, type HostEvents } from "./host-events";
import { createOfficerPane, type OfficerPane } from "./officer/officer-pane";
import { paneFrame } from "./pane-frame";
import { signInView } from "./sign-in-view";
import { unsentView } from "./sign-out-view";

export interface AppOptions {
  root: HTMLElement;
  workbook: FormWorkbook;
  /** e.g. `https://localhost:8787/api/v1`; the pane and the API share an origin. */
  apiBase: string;
  /** Local storage (with Office's partition key in Excel on the web). */
  store: KeyValueStore;
  /**
   * sessionStorage: where unsent sensitive values (身份证号, 银行卡号) wait, never in `store`
   * (sync/outbox.ts says why). Default: memory, for the life of the pane.
   */
  sessionStore?: KeyValueStore;
  fetch?: FetchLike;
  /** Shown under the sign-in form: the preview's demo tokens (`fill` puts one in the field). */
  signInExtra?(fill: (token: string) => void): HTMLElement;
  /** Where window focus / online events come from; default `window`. */
  events?: HostEvents;
  /**
   * The officer sheets (status, consolidated, matrix). With it, reviewers and
   * admins get the officer view; without it every role gets the filler's.
   */
  officerWorkbook?: OfficerWorkbook;
  /** Live refresh of the officer view; default every 5 s while units are yet to report, up to 10 s otherwise. */
  officerPoll?: { minMs?: number; maxMs?: number };
  /** In Excel: makes a workbook that holds a form reopen the pane (none in the preview). */
  autoOpen?: AutoOpen;
}

export interface App {
  session(): FormSession | undefined;
  /** The officer's open round, for reviewers and admins. */
  officer(): OfficerSession | undefined;
  open(roundId: string): Promise<void>;
  dispose(): Promise<void>;
}

export function createApp(options: AppOptions): App {
  const { root } = options;
  const pane = new PaneStore(options.store);
  const volatile = options.sessionStore ?? new MemoryStore();
  const account = createAccount(pane, options);
  const { api } = account;
  const frame = paneFrame(root, () => void signOut());
  const { say, show, showMe } = frame;

  /** The token stopped working (expired or revoked): forget it and ask for a new one; the outboxes stay. */
  const expired = () => {
    const message = signedOutMessage(hasExpired(pane.me, new Date()), unsentEdits(options.store, volatile));
    pane.signOut();
    showSignIn(message);
  };
  const officer: OfficerPane | undefined = options.officerWorkbook
    ? createOfficerPane({
        api,
        pane,
        sheets: options.officerWorkbook,
        forms: options.workbook,
        show,
        say,
        signedOut: expired,
        poll: options.officerPoll,
      })
    : undefined;
  const filler = createFillerPane({
    api,
    pane,
    workbook: options.workbook,
    store: options.store,
    volatile,
    autoOpen: options.autoOpen,
    show,
    say,
    signedOut: expired,
    closeOthers: async () => officer?.close(),
  });
  /** Reviewers and admins see the officer view when the host can draw it. */
  const officerFor = (me: Me | null): OfficerPane | undefined => (me && me.role !== "filler" ? officer : undefined);

  async function closeAll(): Promise<void> {
    await officer?.close();
    await filler.close();
  }

  function showSignIn(message?: string): void {
    showMe(null);
    say(message ?? "请先登录", message ? "error" : "info");
    show(signInView({ signIn, extra: options.signInExtra }));
  }

  async function signIn(token: string): Promise<string | null> {
    const me = await account.signIn(token);
    if (typeof me === "string") return me;
    showMe(me);
    await home();
    return null;
  }

  /**
   * 退出登录: sends what is queued, then clears this device's outboxes — at once when
   * the server has everything, else only after the clerk confirms (sessions/sign-out.ts).
   */
  async function signOut(): Promise<void> {
    say("正在同步本机的修改…");
    const last = pane.lastRound;
    await filler.session()?.engine.flush();
    await closeAll();
    const unsent = unsentEdits(options.store, volatile);
    if (unsent === 0) return leave("已退出登录，本机的修改均已同步，并已从本机清除。");
    say("退出登录前请确认", "error");
    show(
      unsentView({
        message: unsentWarning(unsent),
        keep: () => void stay(last),
        discard: () => leave(`已退出登录，${unsent} 项未同步的修改已从本机删除。`),
      }),
    );
  }

  function leave(message: string): void {
    discardOutboxes(options.store, volatile);
    pane.signOut();
    showSignIn();
    say(message);
  }

  /** The clerk chose to keep the edits: back to where the pane was, and they sync again. */
  async function stay(lastRound: string | null): Promise<void> {
    say("");
    await home();
    if (lastRound) await open(lastRound);
  }

  /** The first screen after sign-in: the officer's rounds or my rounds. */
  async function home(): Promise<void> {
    const o = officerFor(pane.me);
    if (o) {
      await closeAll();
      await o.showRounds();
    } else await filler.showRounds();
  }

  async function open(roundId: string): Promise<void> {
    await (officerFor(pane.me) ?? filler).open(roundId);
  }

  const stopEvents = forwardHostEvents(options.events ?? window, () => filler.session());

  const ready = (async () => {
    if (!pane.token) {
      showSignIn();
      return;
    }
    showMe(pane.me);
    const last = pane.lastRound;
    await home();
    if (last) await open(last);
    // Refresh who I am in the background (a renamed unit, a revoked token).
    const me = await account.refresh();
    if (me === "signed-out") {
      await closeAll();
      expired();
    } else if (me) showMe(me);
  })();

  return {
    session: () => filler.session(),
    officer: () => officer?.session(),
    async open(roundId) {
      await ready;
      await open(roundId);
    },
    async dispose() {
      stopEvents();
      await closeAll();
      clear(root);
    },
  };
}
