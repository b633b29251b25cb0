/**
 * Where /fill.html keeps the token and who it belongs to: in sessionStorage
 * (gone when the tab closes), and in localStorage too only when the clerk ticks
 * 记住我 — a shared office computer must not keep a unit's token by default.
 */
import type { KeyValueStore } from "../../../sync/storage";

export interface RememberingStore extends KeyValueStore {
  /** Whether writes also go to the lasting store; turning it off forgets what was kept there. */
  remember(on: boolean): void;
  remembers(): boolean;
}

/** What PaneStore keeps (pane-store.ts): forgotten from the lasting store with 记住我 off, whoever wrote them. */
const PANE_KEYS = ["token", "me", "rounds", "lastRound"];

export function rememberingStore(session: KeyValueStore, lasting: KeyValueStore): RememberingStore {
  const REMEMBER = "fill-remember";
  const keys = new Set<string>();
  let on = lasting.get(REMEMBER) === "1";
  const safe = (run: () => void) => {
    try {
      run();
    } catch {
      // A full or disabled storage costs only the convenience of staying signed in.
    }
  };
  return {
    get: (key) => session.get(key) ?? (on ? lasting.get(key) : null),
    set(key, value) {
      keys.add(key);
      session.set(key, value);
      if (on) safe(() => lasting.set(key, value));
    },
    remove(key) {
      session.remove(key);
      lasting.remove(key);
    },
    remember(next) {
      on = next;
      if (next) {
        safe(() => lasting.set(REMEMBER, "1"));
        for (const key of keys) {
          const value = session.get(key);
          if (value !== null) safe(() => lasting.set(key, value));
        }
      } else {
        lasting.remove(REMEMBER);
        for (const key of new Set([...PANE_KEYS, ...keys])) lasting.remove(key);
      }
    },
    remembers: () => on,
  };
}
