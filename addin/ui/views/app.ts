/**
 * The task pane: 登录 → 我的填报任务 → one open form. It sees the workbook only
 * through `FormWorkbook`, so the same code runs inside Excel (Office.js adapter)
 * and in the preview page (memory workbook). Everything the clerk sees is zh-CN
 * and every failure ends up as a sentence in the pane, never as an exception.
 */
import type { Me } from "../../../schemas/api/me";
import type { Template } from "../../../schemas/template";
import { buildLayout } from "../../../schemas/layout/form/layout";
import type { OfficerWorkbook } from "../../sheet/officer-workbook";
import type { FormWorkbook } from "../../sheet/form-workbook";
import { createApiClient, type ApiClient, type FetchLike } from "../../sync/api-client";
import type { KeyValueStore } from "../../sync/storage";
import { describeError } from "../sessions/describe-error";
import { add, clear, h } from "./dom";
import { FormSession } from "../sessions/form-session";
import { formView, type FormView } from "./form-view";
import { createOfficerPane, type OfficerPane } from "./officer/officer-pane";
import type { OfficerSession } from "../sessions/officer/officer-session";
import { PaneStore, type MyRound } from "../sessions/pane-store";
import { roundsView } from "./rounds-view";
import { signInView, type DemoToken } from "./sign-in-view";

const ROLE = { filler: "填报", reviewer: "审核", admin: "管理员" } as const;

export interface AppOptions {
  root: HTMLElement;
  workbook: FormWorkbook;
  /** e.g. `https://localhost:8787/api/v1`; the pane and the API share an origin. */
  apiBase: string;
  /** Local storage (with Office's partition key in Excel on the web). */
  store: KeyValueStore;
  fetch?: FetchLike;
  /** Offered on the sign-in screen of the preview. */
  demoTokens?: readonly DemoToken[];
  /** Where window focus / online events come from; default `window`. */
  events?: Pick<Window, "addEventListener" | "removeEventListener">;
  /**
   * The officer sheets (status, consolidated, matrix). With it, reviewers and
   * admins get the officer view; without it every role gets the filler's.
   */
  officerWorkbook?: OfficerWorkbook;
  /** Live refresh of the officer view; default every 5 s while units are yet to report, up to 10 s otherwise. */
  officerPoll?: { minMs?: number; maxMs?: number };
}

export interface App {
  session(): FormSession | undefined;
  /** The officer's open round, for reviewers and admins. */
  officer(): OfficerSession | undefined;
  open(roundId: string): Promise<void>;
  dispose(): Promise<void>;
}

export function createApp(options: AppOptions): App {
  const { root, workbook } = options;
  const events = options.events ?? window;
  const pane = new PaneStore(options.store);
  let candidate: string | null = null;
  const api: ApiClient = createApiClient({
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    baseUrl: options.apiBase,
    token: () => candidate ?? pane.token,
    timeoutMs: 20_000,
  });

  clear(root);
  root.classList.add("hb-app");
  const who = h("p", { class: "hb-unit", id: "hb-who" });
  const signOutButton = h("button", { type: "button", class: "hb-link", id: "hb-sign-out", hidden: true }, "退出登录");
  const status = h("p", { class: "hb-status", role: "status", "aria-live": "polite" });
  const main = h("div", { class: "hb-main" });
  add(root,
    h(
      "header",
      { class: "hb-header" },
      h("span", { class: "hb-logo", "aria-hidden": "true" }, "汇"),
      h("div", { class: "hb-who" }, h("h1", {}, "汇表"), who),
      signOutButton,
    ),
    status,
    main,
  );

  let session: FormSession | undefined;
  let view: FormView | undefined;
  let rounds: MyRound[] = [];

  const say = (text: string, tone: "info" | "error" = "info") => {
    status.textContent = text;
    status.dataset.tone = tone;
  };

  const officer: OfficerPane | undefined = options.officerWorkbook
    ? createOfficerPane({
        api,
        pane,
        sheets: options.officerWorkbook,
        forms: workbook,
        show: (el) => show(el),
        say,
        signedOut: () => {
          pane.signOut();
          showSignIn("登录已失效，请重新登录");
        },
        poll: options.officerPoll,
      })
    : undefined;
  /** Reviewers and admins see the officer view when the host can draw it. */
  const officerFor = (me: Me | null): OfficerPane | undefined => (me && me.role !== "filler" ? officer : undefined);

  const showMe = (me: Me | null) => {
    who.textContent = me ? `${me.unit.name} · ${ROLE[me.role]}` : "未登录";
    signOutButton.hidden = !me;
  };

  const show = (el: HTMLElement) => {
    clear(main);
    add(main, el);
  };

  async function closeForm(): Promise<void> {
    await officer?.close();
    view?.dispose();
    view = undefined;
    const s = session;
    session = undefined;
    await s?.dispose();
  }

  function showSignIn(message?: string): void {
    showMe(null);
    say(message ?? "请先登录", message ? "error" : "info");
    show(signInView({ demoTokens: options.demoTokens, signIn }));
  }

  async function signIn(token: string): Promise<string | null> {
    candidate = token;
    const res = await api.me();
    candidate = null;
    if (!res.ok) return res.offline ? res.message : res.status === 401 ? "令牌无效或已停用，请核对后重试" : res.message;
    pane.signIn(token, res.data);
    showMe(res.data);
    await home();
    return null;
  }

  async function signOut(): Promise<void> {
    await closeForm();
    pane.signOut();
    showSignIn();
    say("已退出登录。本机尚未同步的修改会保留，重新登录后继续同步。");
  }

  /** My rounds with the status of my report; from the cache when the server cannot be reached. */
  async function loadRounds(): Promise<{ rounds: MyRound[]; note?: string }> {
    const me = pane.me;
    const res = await api.rounds();
    if (!res.ok) {
      if (!res.offline && res.status === 401) {
        pane.signOut();
        showSignIn("登录已失效，请重新登录");
        return { rounds: [] };
      }
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

  /** The first screen after sign-in: the officer's rounds or my rounds. */
  async function home(): Promise<void> {
    const o = officerFor(pane.me);
    if (o) {
      await closeForm();
      await o.showRounds();
    } else await showRounds();
  }

  async function showRounds(): Promise<void> {
    await closeForm();
    pane.lastRound = null;
    say("正在载入填报任务…");
    const loaded = await loadRounds();
    if (!pane.token) return;
    rounds = loaded.rounds;
    say("");
    show(
      roundsView({
        rounds,
        note: loaded.note,
        now: new Date(),
        open: (id) => void open(id),
        reload: () => void showRounds(),
      }),
    );
  }

  async function templateOf(round: MyRound["round"]): Promise<Template | string> {
    const cached = pane.template(round.templateId, round.templateVersion);
    if (cached) return cached;
    const res = await api.template(round.templateId, round.templateVersion);
    if (!res.ok) return res.offline ? "无法连接服务器，这张报表还没有在本机打开过，联网后再试" : res.message;
    // Checked and completed with defaults by the server when it was published.
    const template = res.data.definition as unknown as Template;
    pane.saveTemplate(template);
    return template;
  }

  async function open(roundId: string): Promise<void> {
    const o = officerFor(pane.me);
    if (o) return o.open(roundId);
    const me = pane.me;
    const mine = rounds.find((r) => r.round.id === roundId) ?? pane.rounds?.find((r) => r.round.id === roundId);
    if (!me || !mine) {
      say("找不到这张报表，请刷新列表", "error");
      return;
    }
    say("正在打开报表…");
    try {
      const template = await templateOf(mine.round);
      if (typeof template === "string") {
        say(template, "error");
        return;
      }
      await closeForm();
      const layout = buildLayout(template, { unitName: me.unit.name });
      const opened = await FormSession.open({ template, layout, workbook, api, store: options.store, round: roundId, unit: me.unit.code });
      session = opened.session;
      pane.lastRound = roundId;
      view = formView(session, () => void showRounds(), say);
      show(view.el);
      say(opened.reopened ? `已连接工作表「${layout.sheet}」` : `已生成工作表「${layout.sheet}」，请在浅蓝色格中填报`);
    } catch (e) {
      say(describeError(e), "error");
    }
  }

  const onFocus = () => void session?.regainFocus().catch(() => undefined);
  const onVisible = () => {
    if (document.visibilityState === "visible") onFocus();
  };
  const onOnline = () => void session?.online();
  const onOffline = () => session?.offline();
  events.addEventListener("focus", onFocus);
  events.addEventListener("online", onOnline);
  events.addEventListener("offline", onOffline);
  document.addEventListener("visibilitychange", onVisible);
  signOutButton.addEventListener("click", () => void signOut());

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
    const me = await api.me();
    if (me.ok) {
      pane.me = me.data;
      showMe(me.data);
    } else if (!me.offline && me.status === 401) {
      await closeForm();
      pane.signOut();
      showSignIn("登录已失效，请重新登录");
    }
  })();

  return {
    session: () => session,
    officer: () => officer?.session(),
    async open(roundId) {
      await ready;
      await open(roundId);
    },
    async dispose() {
      events.removeEventListener("focus", onFocus);
      events.removeEventListener("online", onOnline);
      events.removeEventListener("offline", onOffline);
      document.removeEventListener("visibilitychange", onVisible);
      await closeForm();
      clear(root);
    },
  };
}
