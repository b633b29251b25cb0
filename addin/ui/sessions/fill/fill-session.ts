/**
 * /fill.html without the add-in: sign in by token → 我的填报 → 下载填报表 →
 * 上传填好的文件 → the problems by Excel address → 上报说明 for warnings → 上报.
 * No DOM: the page's views draw `FillState` and call these actions. It reuses
 * the pane's account (sign-in against /me), its API client and its round list.
 */
import { MAX_EXPLANATION_LENGTH } from "../../../../schemas/explanation-limit";
import type { ExportFile, FetchLike } from "../../../sync/api-client";
import { failureKind, type ApiFailure } from "../../../sync/api-result";
import type { FileProblem } from "../../../sync/form-file-guards";
import { newIdempotencyKey } from "../../../sync/idempotency-key";
import type { KeyValueStore } from "../../../sync/storage";
import { submitRefusal } from "../../../sync/submit-outcome";
import { createAccount, type Account } from "../account";
import { loadMyRounds } from "../my-rounds";
import { PaneStore } from "../pane-store";
import { statusLabel } from "../rounds";
import { FILL_OFFLINE, problemId, problemLine, refusalOf } from "./file-words";
import { formFileName } from "./file-name";
import { emptyState, type FillState, type WarningNote } from "./fill-state";
import { NoteDrafts } from "./note-drafts";
import type { RememberingStore } from "./token-store";

export interface FillSessionOptions {
  apiBase: string;
  fetch?: FetchLike;
  /** The token and who it is (sessionStorage, localStorage too with 记住我). */
  store: RememberingStore;
  /** 上报说明 drafts (sessionStorage). */
  drafts: KeyValueStore;
}

const kb = (n: number) =>
  n < 1024 * 1024 ? `${Math.max(1, Math.round(n / 1024))} KB` : `${(n / 1048576).toFixed(1)} MB`;

export class FillSession {
  private state: FillState = emptyState();
  private readonly listeners = new Set<(s: FillState) => void>();
  private readonly pane: PaneStore;
  private readonly account: Account;
  /** Where each warning of the last upload sits, by cell key: a refused 上报 names cells by key. */
  private placed = new Map<string, FileProblem>();

  constructor(private readonly options: FillSessionOptions) {
    this.pane = new PaneStore(options.store);
    this.account = createAccount(this.pane, { apiBase: options.apiBase, fetch: options.fetch });
  }

  get current(): FillState {
    return this.state;
  }

  subscribe(listener: (s: FillState) => void): () => void {
    this.listeners.add(listener);
    listener(this.state);
    return () => this.listeners.delete(listener);
  }

  private set(patch: Partial<FillState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l(this.state);
  }

  /** A token kept from before (this tab, or 记住我): straight to the rounds. */
  async start(): Promise<void> {
    if (!this.pane.token || !this.pane.me) return;
    this.set({ me: this.pane.me });
    await this.loadRounds();
  }

  async signIn(token: string, remember: boolean): Promise<void> {
    if (!token.trim()) return this.set({ message: { text: "请输入访问令牌", tone: "error" } });
    this.options.store.remember(remember);
    this.set({ busy: "sign-in", progress: "正在登录…", message: null });
    const me = await this.account.signIn(token.trim());
    if (typeof me === "string") return this.set({ busy: null, progress: null, message: { text: me, tone: "error" } });
    this.set({ me, busy: null, progress: null });
    await this.loadRounds();
  }

  signOut(message = "已退出登录。"): void {
    this.pane.signOut();
    this.options.store.remember(false);
    this.placed.clear();
    this.set({ ...emptyState(), message: { text: message, tone: "info" } });
  }

  async loadRounds(): Promise<void> {
    this.set({ busy: "rounds", progress: "正在读取填报任务…" });
    const loaded = await loadMyRounds(this.account.api, this.pane);
    if (loaded === "signed-out") return this.signOut("登录已失效，请重新登录。");
    this.set({ busy: null, progress: null, rounds: loaded.rounds, roundsNote: loaded.note ?? null });
  }

  /** Opens one round: its status and the 上报说明 kept from before. */
  choose(roundId: string): void {
    const round = this.state.rounds.find((r) => r.round.id === roundId) ?? null;
    this.placed.clear();
    this.set({ round, status: round?.status ?? null, check: null, refusal: null, notes: [], message: null });
  }

  back(): void {
    this.set({ round: null, check: null, refusal: null, notes: [], message: null });
    void this.loadRounds();
  }

  /** The form to fill offline, with a good name; null when it could not be had (the message says why). */
  async download(): Promise<ExportFile | null> {
    const { round, me } = this.state;
    if (!round || !me) return null;
    this.set({ busy: "download", progress: "正在生成填报表…", message: null });
    const res = await this.account.api.formFile(round.round.id, me.unit.code);
    if (!res.ok) {
      this.fail(res, "下载填报表");
      return null;
    }
    const filename = formFileName(res.data.filename, me.unit.name, round.round.title);
    this.set({
      busy: null,
      progress: null,
      message: { text: `已下载「${filename}」。请在 Excel 或 WPS 中填写浅色格，保存后在下面上传。`, tone: "ok" },
    });
    return { blob: res.data.blob, filename };
  }

  async upload(file: Blob, fileName: string): Promise<void> {
    const { round, me } = this.state;
    if (!round || !me) return;
    this.set({
      busy: "upload",
      progress: `正在上传「${fileName}」（${kb(file.size)}）并检查…`,
      message: null,
      refusal: null,
    });
    // A fixed file uploaded again is taken over this page's first upload by the Worker (import/service.ts ownBase).
    const res = await this.account.api.importForm(round.round.id, me.unit.code, file);
    if (!res.ok) {
      if (failureKind(res) === "signed-out") return this.signOut("登录已失效，请重新登录后再上传。");
      return this.set({ busy: null, progress: null, check: null, refusal: refusalOf(res, "上传") });
    }
    const { errors, warnings } = res.data.problems;
    this.placed = new Map([...errors, ...warnings].map((p) => [p.key, p]));
    const saved = await this.account.api.report(round.round.id, me.unit.code);
    const kept = saved.ok ? saved.data.report.explanations : {};
    this.set({
      busy: null,
      progress: null,
      status: res.data.report.status,
      check: {
        fileName,
        changed: res.data.changed,
        merged: res.data.merged,
        errors: errors.map(problemLine),
        warnings: warnings.map(problemLine),
      },
      notes: this.notesOf(
        warnings.map((p) => ({ id: problemId(p), line: problemLine(p) })),
        kept,
      ),
      message: { text: verdict(errors.length, warnings.length), tone: errors.length > 0 ? "error" : "ok" },
    });
  }

  /** A keystroke in a 上报说明: kept at once, not drawn again (the box has it). */
  setNote(id: string, text: string): void {
    this.drafts()?.set(id, text);
    this.state = { ...this.state, notes: this.state.notes.map((n) => (n.id === id ? { ...n, text } : n)) };
  }

  /** 上报: saves the 上报说明, then submits the version it saved. */
  async submit(): Promise<void> {
    const { round, me, check, notes } = this.state;
    const drafts = this.drafts();
    if (!round || !me || !drafts) return;
    if (check && check.errors.length > 0)
      return this.say(`文件中还有 ${check.errors.length} 个错误，请在文件中修改后重新上传，再上报。`, "error");
    const missing = notes.filter((n) => !n.text.trim()).length;
    if (missing > 0) return this.say(`还有 ${missing} 个警告没有填写上报说明。`, "error");
    const long = notes.find((n) => [...n.text.trim()].length > MAX_EXPLANATION_LENGTH);
    if (long) return this.say(`上报说明最多 ${MAX_EXPLANATION_LENGTH} 字，请缩短后再上报。`, "error");

    this.set({ busy: "submit", progress: "正在上报…", message: null, refusal: null });
    const api = this.account.api;
    const got = await api.report(round.round.id, me.unit.code);
    if (!got.ok) return this.failed(got, "上报");
    let version = got.data.version;
    const typed = drafts.all();
    const changed: Record<string, string> = {};
    for (const n of notes)
      if (n.text.trim() !== (got.data.report.explanations[n.id] ?? "")) changed[n.id] = n.text.trim();
    if (Object.keys(changed).length > 0) {
      const body = { baseVersion: version, changes: [], explanations: changed };
      const saved = await api.patchReport(round.round.id, me.unit.code, body, newIdempotencyKey());
      if (!saved.ok) return this.failed(saved, "保存上报说明");
      version = saved.data.version;
      // The drafts as they were when sent: a word typed since stays a draft.
      const sentDrafts: Record<string, string> = {};
      for (const id of Object.keys(changed)) sentDrafts[id] = typed[id] ?? "";
      drafts.acknowledge(sentDrafts);
    }
    const sent = await api.submit(round.round.id, me.unit.code, version);
    if (!sent.ok) {
      const refused = submitRefusal(sent);
      if (refused.reason === "signed-out") return this.signOut("登录已失效，请重新登录后再上报。");
      const asked = refused.problems.filter((p) => p.severity === "warning");
      const notesNow = this.notesOf(
        asked.map((p) => ({ id: p.id, line: this.placedLine(p.cells[0], p.message) })),
        got.data.report.explanations,
        this.state.notes,
      );
      const lines = refused.problems
        .filter((p) => p.severity === "error")
        .map((p) => this.placedLine(p.cells[0], p.message));
      return this.set({
        busy: null,
        progress: null,
        notes: notesNow,
        refusal: { title: `上报没有完成：${refused.message}`, lines, hint: submitHint(refused.reason, asked.length) },
      });
    }
    const status = sent.data.status;
    const rounds = this.state.rounds.map((r) =>
      r.round.id === round.round.id ? { ...r, status, late: sent.data.late } : r,
    );
    this.set({
      busy: null,
      progress: null,
      status,
      rounds,
      round: { ...round, status, late: sent.data.late },
      message: { text: `${statusLabel(status, sent.data.late)}。上级单位审核后，结果会显示在这里。`, tone: "ok" },
    });
  }

  private drafts(): NoteDrafts | null {
    const { round, me } = this.state;
    return round && me ? new NoteDrafts(this.options.drafts, round.round.id, me.unit.code) : null;
  }

  /** One note per problem id: the draft first, else what the server keeps, else blank. */
  private notesOf(
    found: { id: string; line: string }[],
    kept: Record<string, string>,
    before: WarningNote[] = [],
  ): WarningNote[] {
    const typed = this.drafts()?.all() ?? {};
    const notes = new Map<string, WarningNote>(before.map((n) => [n.id, n]));
    for (const { id, line } of found) {
      const note = notes.get(id) ?? { id, lines: [], text: typed[id] ?? kept[id] ?? "" };
      if (!note.lines.includes(line)) note.lines = [...note.lines, line];
      notes.set(id, note);
    }
    return [...notes.values()];
  }

  /** A problem named by cell key, placed by the last upload when it can be. */
  private placedLine(key: string | undefined, message: string): string {
    const p = key === undefined ? undefined : this.placed.get(key);
    return p ? problemLine({ address: p.address, where: p.where, message }) : message;
  }

  /** A sentence in the status line (the view's own outcomes: a browser that cannot save a file). */
  say(text: string, tone: "info" | "ok" | "error"): void {
    this.set({ message: { text, tone } });
  }

  private fail(res: ApiFailure, what: string): void {
    if (failureKind(res) === "signed-out") return this.signOut("登录已失效，请重新登录。");
    const text = res.offline ? FILL_OFFLINE : `${what}没有完成：${res.message}`;
    this.set({ busy: null, progress: null, message: { text, tone: "error" } });
  }

  private failed(res: ApiFailure, what: string): void {
    if (failureKind(res) === "signed-out") return this.signOut("登录已失效，请重新登录后再上报。");
    this.set({ busy: null, progress: null, refusal: refusalOf(res, what) });
  }
}

function verdict(errors: number, warnings: number): string {
  if (errors > 0)
    return `文件已收到，发现 ${errors} 个错误${warnings ? `、${warnings} 个警告` : ""}：请在文件中按单元格位置修改后重新上传。`;
  if (warnings > 0) return `文件已保存。有 ${warnings} 个警告：请逐条填写上报说明，然后上报。`;
  return "文件已保存，检查通过，可以上报。";
}

function submitHint(reason: string, warnings: number): string {
  if (reason === "offline") return FILL_OFFLINE;
  if (reason === "stale") return "报表刚被修改过，请再点一次上报。";
  if (warnings > 0) return "请为下面列出的警告填写上报说明，再点上报。";
  if (reason === "problems") return "请在文件中修改这些错误，重新上传后再上报。";
  return "请稍后重试。";
}
