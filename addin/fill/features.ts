/**
 * Whether this browser can run the scripted /fill.html. Checked before the page
 * is changed at all: a browser without one of these keeps the plain form of
 * fill.html, which posts to /fill/upload and works with no script.
 */

/** The globals the page's script uses (the window, or a stand-in in tests). */
export interface FillHost {
  fetch?: unknown;
  Promise?: unknown;
  FormData?: unknown;
  Blob?: unknown;
  AbortController?: unknown;
  URLSearchParams?: unknown;
  URL?: { createObjectURL?: unknown };
  sessionStorage?: { setItem(k: string, v: string): void; removeItem(k: string): void };
}

/** The missing features, by name; empty when the page can run. */
export function missingFeatures(host: FillHost): string[] {
  const missing: string[] = [];
  for (const name of ["fetch", "Promise", "FormData", "Blob", "AbortController", "URLSearchParams"] as const)
    if (typeof host[name] !== "function") missing.push(name);
  if (typeof host.URL?.createObjectURL !== "function") missing.push("URL.createObjectURL");
  if (typeof Array.prototype.flatMap !== "function") missing.push("Array.prototype.flatMap");
  if (!storageWorks(host)) missing.push("sessionStorage");
  return missing;
}

/** Safari's private mode and locked-down policies throw on the first write. */
function storageWorks(host: FillHost): boolean {
  try {
    const s = host.sessionStorage;
    if (!s) return false;
    s.setItem("huibiao-fill:probe", "1");
    s.removeItem("huibiao-fill:probe");
    return true;
  } catch {
    return false;
  }
}
