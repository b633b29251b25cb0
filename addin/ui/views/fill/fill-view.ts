/**
 * /fill.html once its script runs: the header (who is signed in, 退出登录),
 * the status line and progress, and below them 登录, 我的填报 or one round.
 * It draws `FillState` again on every change; typing in a 上报说明 does not
 * change the state it draws, so the box keeps its focus.
 */
import type { FillSession } from "../../sessions/fill/fill-session";
import type { FillState } from "../../sessions/fill/fill-state";
import { add, clear, h } from "../dom";
import { roundCard } from "./round-card";
import { roundsCard } from "./rounds-card";
import { saveFile } from "./save-file";
import { signInCard } from "./sign-in-card";

const ROLE = { filler: "填报", reviewer: "审核", admin: "管理员" } as const;

export function fillView(root: HTMLElement, session: FillSession): () => void {
  const who = h("p", { class: "fill-who", id: "fill-who" });
  const signOut = h(
    "button",
    { type: "button", class: "fill-link", id: "fill-sign-out", onclick: () => session.signOut() },
    "退出登录",
  );
  const status = h("p", { class: "fill-status", id: "fill-message", role: "status", "aria-live": "polite" });
  const progress = h("div", { class: "fill-progress", id: "fill-progress", hidden: true });
  const main = h("div", { class: "fill-main" });
  clear(root);
  add(root, h("div", { class: "fill-bar" }, who, signOut), status, progress, main);

  const download = async () => {
    const file = await session.download();
    if (file && !saveFile(file.blob, file.filename))
      session.say("此浏览器无法保存下载的文件，请换用新版 Chrome、Edge 或 360 浏览器（极速模式）。", "error");
  };

  const draw = (s: FillState) => {
    who.textContent = s.me ? `${s.me.unit.name} · ${ROLE[s.me.role]}` : "未登录";
    signOut.hidden = !s.me;
    status.textContent = s.message?.text ?? "";
    status.dataset.tone = s.message?.tone ?? "info";
    progress.hidden = s.progress === null;
    clear(progress);
    if (s.progress) add(progress, h("progress", {}), h("span", {}, s.progress));
    clear(main);
    if (!s.me)
      add(
        main,
        signInCard((token, remember) => void session.signIn(token, remember), s.busy !== null),
      );
    else if (!s.round)
      add(
        main,
        roundsCard(
          s.rounds,
          s.roundsNote,
          (id) => session.choose(id),
          () => void session.loadRounds(),
        ),
      );
    else
      add(
        main,
        roundCard(s, {
          back: () => session.back(),
          download: () => void download(),
          upload: (file) => void session.upload(file, file.name),
          note: (id, text) => session.setNote(id, text),
          submit: () => void session.submit(),
        }),
      );
  };
  return session.subscribe(draw);
}
