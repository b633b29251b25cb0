/**
 * One round on /fill.html, top to bottom as the clerk works: 下载填报表 →
 * 上传填好的文件 (choose or drop) → the problems by Excel address → a
 * 上报说明 per warning → 上报.
 */
import { MAX_EXPLANATION_LENGTH } from "../../../../schemas/explanation-limit";
import type { FillState, WarningNote } from "../../sessions/fill/fill-state";
import type { Refusal } from "../../sessions/fill/file-words";
import { dueLabel, statusLabel } from "../../sessions/rounds";
import { add, h } from "../dom";

export interface RoundActions {
  back(): void;
  download(): void;
  upload(file: File): void;
  note(id: string, text: string): void;
  submit(): void;
}

export function roundCard(s: FillState, act: RoundActions): HTMLElement {
  const mine = s.round;
  if (!mine) return h("div");
  const { round } = mine;
  const due = dueLabel(round.dueDate, new Date());
  const busy = s.busy !== null;
  const done = s.status === "submitted" || s.status === "approved";
  return h(
    "div",
    { class: "fill-round-page", "data-round": round.id },
    h(
      "section",
      { class: "fill-card" },
      h("button", { type: "button", class: "fill-link", id: "fill-back", onclick: act.back }, "← 全部报表"),
      h("h2", { id: "fill-round-title" }, round.title),
      h(
        "div",
        { class: "fill-meta" },
        h("span", {}, `截止 ${round.dueDate}`),
        h("span", { class: `fill-due fill-due-${due.tone}` }, due.text),
        h(
          "span",
          { class: `fill-state fill-state-${s.status ?? "unknown"}`, id: "fill-report-status" },
          statusLabel(s.status, mine.late),
        ),
      ),
    ),
    h(
      "section",
      { class: "fill-card" },
      h("h3", {}, "第一步　下载填报表"),
      h(
        "p",
        { class: "fill-hint" },
        "表中已填好本单位名称和已保存的内容。请只在浅色格中填写，不要插入或删除行列；表中的“校验结果”会提示问题。",
      ),
      h(
        "button",
        { type: "button", class: "fill-primary", id: "fill-download", disabled: busy, onclick: act.download },
        "下载填报表",
      ),
    ),
    uploadCard(busy || done, act.upload),
    s.refusal ? refusalCard(s.refusal) : null,
    s.check ? checkCard(s) : null,
    s.notes.length > 0 ? notesCard(s.notes, act.note, done) : null,
    h(
      "section",
      { class: "fill-card" },
      h("h3", {}, "第三步　上报"),
      h(
        "p",
        { class: "fill-hint" },
        done ? "本表已上报。" : "上传的文件没有错误、每个警告都填写了上报说明后，即可上报。",
      ),
      h(
        "button",
        { type: "button", class: "fill-primary", id: "fill-submit", disabled: busy || done, onclick: act.submit },
        done ? "已上报" : "上报",
      ),
    ),
  );
}

function uploadCard(disabled: boolean, upload: (file: File) => void): HTMLElement {
  const input = h("input", {
    type: "file",
    id: "fill-file",
    class: "fill-file",
    accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    disabled,
  });
  input.addEventListener("change", () => {
    const file = input.files?.[0];
    if (file) upload(file);
  });
  const drop = h(
    "label",
    { class: "fill-drop", id: "fill-drop", for: "fill-file" },
    "把填好的文件拖到这里，或点击选择文件（.xlsx）",
  );
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("fill-drop-over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("fill-drop-over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("fill-drop-over");
    const file = (e as DragEvent).dataTransfer?.files[0];
    if (file && !disabled) upload(file);
  });
  return h(
    "section",
    { class: "fill-card" },
    h("h3", {}, "第二步　上传填好的文件"),
    h(
      "p",
      { class: "fill-hint" },
      "上传后服务器会按与插件相同的规则检查，问题按单元格位置（如 B12）列出；修改文件后可以再次上传。",
    ),
    drop,
    input,
  );
}

function lines(id: string, className: string, items: readonly string[]): HTMLElement {
  const list = h("ul", { class: "fill-problems", id });
  for (const text of items) add(list, h("li", { class: `fill-problem ${className}` }, text));
  return list;
}

function refusalCard(r: Refusal): HTMLElement {
  return h(
    "section",
    { class: "fill-card fill-refusal", id: "fill-refusal", role: "alert" },
    h("h3", {}, r.title),
    r.lines.length > 0 ? lines("fill-refusal-lines", "fill-error", r.lines) : null,
    h("p", { class: "fill-hint" }, r.hint),
  );
}

function checkCard(s: FillState): HTMLElement {
  const c = s.check;
  if (!c) return h("div");
  const merged = c.merged > 0 ? `，并保留了他人在此期间修改的 ${c.merged} 格` : "";
  return h(
    "section",
    { class: "fill-card", id: "fill-check" },
    h("h3", {}, `检查结果：「${c.fileName}」`),
    h("p", { class: "fill-hint" }, `本次上传修改了 ${c.changed} 格${merged}。`),
    h("h4", {}, `错误 ${c.errors.length} 个`),
    c.errors.length > 0 ? lines("fill-errors", "fill-error", c.errors) : h("p", { class: "fill-hint" }, "没有错误。"),
    h("h4", {}, `警告 ${c.warnings.length} 个`),
    c.warnings.length > 0
      ? lines("fill-warnings", "fill-warning", c.warnings)
      : h("p", { class: "fill-hint" }, "没有警告。"),
  );
}

function notesCard(
  notes: readonly WarningNote[],
  note: (id: string, text: string) => void,
  done: boolean,
): HTMLElement {
  const list = h("div", { class: "fill-notes" });
  for (const n of notes) {
    const count = h("span", { class: "fill-count" });
    const box = h("textarea", {
      class: "fill-note",
      "data-note": n.id,
      maxlength: MAX_EXPLANATION_LENGTH,
      rows: 3,
      disabled: done,
      placeholder: "请说明原因，例如：含上年结余资金，已经批准使用",
    });
    box.value = n.text;
    const counted = () => (count.textContent = `${[...box.value].length}/${MAX_EXPLANATION_LENGTH}`);
    counted();
    box.addEventListener("input", () => {
      counted();
      note(n.id, box.value);
    });
    add(
      list,
      h(
        "div",
        { class: "fill-note-item", "data-note": n.id },
        lines(`fill-note-${n.id}`, "fill-warning", n.lines),
        box,
        count,
      ),
    );
  }
  return h(
    "section",
    { class: "fill-card", id: "fill-notes" },
    h("h3", {}, "上报说明"),
    h(
      "p",
      { class: "fill-hint" },
      `每个警告都需要说明原因（最多 ${MAX_EXPLANATION_LENGTH} 字）。写好的内容保存在本页，上报成功前刷新也不会丢失。`,
    ),
    list,
  );
}
