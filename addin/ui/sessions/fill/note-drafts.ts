/**
 * 上报说明 typed on /fill.html, kept in sessionStorage per report until the
 * server has acknowledged them: a failed save, a lost connection or a reload
 * of the page loses nothing the clerk wrote.
 */
import type { KeyValueStore } from "../../../sync/storage";

export class NoteDrafts {
  constructor(
    private readonly store: KeyValueStore,
    private readonly round: string,
    private readonly unit: string,
  ) {}

  private get key(): string {
    return `fill-notes:${this.round}:${this.unit}`;
  }

  /** problem id → text, as typed. */
  all(): Record<string, string> {
    const text = this.store.get(this.key);
    if (text === null) return {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
      const out: Record<string, string> = {};
      for (const [id, v] of Object.entries(parsed)) if (typeof v === "string") out[id] = v;
      return out;
    } catch {
      return {};
    }
  }

  set(id: string, text: string): void {
    this.write({ ...this.all(), [id]: text });
  }

  /** The server stored `sent`: drop the drafts that still say exactly that (a later edit stays). */
  acknowledge(sent: Record<string, string>): void {
    const left = this.all();
    for (const [id, text] of Object.entries(sent)) if (left[id] === text) delete left[id];
    this.write(left);
  }

  private write(notes: Record<string, string>): void {
    try {
      if (Object.keys(notes).length === 0) this.store.remove(this.key);
      else this.store.set(this.key, JSON.stringify(notes));
    } catch {
      // Storage full or disabled: the text stays in the page until it is sent.
    }
  }
}
