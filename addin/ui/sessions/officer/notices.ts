/**
 * What the officer's pane is told besides the sheets: one message with its
 * tone, whether an action is running, and the listeners that draw the pane
 * again on every change. Kept apart from the session so that each of its parts
 * (the sheets, the live refresh, the review actions, the drill-down, the chart
 * choice) reports what it did the same way, and all fall silent once closed.
 */
import type { ApiFailure } from "../../../sync/api-result";
import { failureText } from "./messages";

export interface OfficerMessage {
  tone: "ok" | "error" | "info";
  text: string;
}

/** What the session's parts use of the notices: they speak, they do not listen. */
export interface PaneVoice {
  /** Set when the session is disposed: nothing is drawn or said after it. */
  readonly closed: boolean;
  busy: boolean;
  say(tone: OfficerMessage["tone"], text: string): void;
  /** A failed call as one sentence; `what` names the action. */
  fail(res: ApiFailure, what: string): void;
  /** Draws the pane again with the current state. */
  emit(): void;
}

export class Notices<S> implements PaneVoice {
  message: OfficerMessage | null = null;
  busy = false;
  closed = false;
  private readonly listeners = new Set<(s: S) => void>();

  constructor(private readonly state: () => S) {}

  /** Called with every new state, and once right away. Returns the unsubscribe. */
  subscribe(listener: (s: S) => void): () => void {
    this.listeners.add(listener);
    listener(this.state());
    return () => this.listeners.delete(listener);
  }

  say(tone: OfficerMessage["tone"], text: string): void {
    this.message = { tone, text };
    this.emit();
  }

  fail(res: ApiFailure, what: string): void {
    this.say("error", failureText(res, what));
  }

  emit(): void {
    if (this.closed || this.listeners.size === 0) return;
    const s = this.state();
    for (const l of this.listeners) l(s);
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
  }
}
