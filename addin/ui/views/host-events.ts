/**
 * The browser's hints to the open form: the pane regained focus or became
 * visible (the clerk may have typed in Excel meanwhile), the network came or went.
 */
import type { FormSession } from "../sessions/form-session";

export type HostEvents = Pick<Window, "addEventListener" | "removeEventListener">;

/** Forwards the hints to whichever form is open; returns the function that stops listening. */
export function forwardHostEvents(events: HostEvents, session: () => FormSession | undefined): () => void {
  const onFocus = () =>
    void session()
      ?.regainFocus()
      .catch(() => undefined);
  const listeners: [Pick<EventTarget, "addEventListener" | "removeEventListener">, string, () => void][] = [
    [events, "focus", onFocus],
    [events, "online", () => void session()?.online()],
    [events, "offline", () => session()?.offline()],
    [document, "visibilitychange", () => document.visibilityState === "visible" && onFocus()],
  ];
  for (const [target, type, listener] of listeners) target.addEventListener(type, listener);
  return () => {
    for (const [target, type, listener] of listeners) target.removeEventListener(type, listener);
  };
}
