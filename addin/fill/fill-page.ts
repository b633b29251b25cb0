/**
 * Entry of /fill.html (built as a classic script, es2017, loaded with
 * type="module" so that browsers too old for it never run it). The page's
 * HTML is a plain form that posts to /fill/upload; this script replaces it
 * with the step-by-step page only when every feature it needs is there.
 */
import { webStorageStore } from "../sync/storage";
import { FillSession } from "../ui/sessions/fill/fill-session";
import { rememberingStore } from "../ui/sessions/fill/token-store";
import { fillView } from "../ui/views/fill/fill-view";
import { missingFeatures } from "./features";

function start(): void {
  const root = document.getElementById("fill-app");
  if (!root || missingFeatures(window as never).length > 0) return;
  const namespace = "huibiao-fill:";
  let lasting = webStorageStore(window.sessionStorage, { namespace });
  try {
    lasting = webStorageStore(window.localStorage, { namespace });
  } catch {
    // No localStorage (a policy): 记住我 then lasts as long as the tab.
  }
  const session = webStorageStore(window.sessionStorage, { namespace });
  const fill = new FillSession({
    apiBase: new URL("/api/v1", location.href).href,
    store: rememberingStore(session, lasting),
    drafts: session,
  });
  document.documentElement.classList.add("fill-scripted");
  fillView(root, fill);
  void fill.start();
}

start();
