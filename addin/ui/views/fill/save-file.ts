/**
 * Hands a downloaded file to the browser as a download. Checked, not assumed:
 * old Edge/IE save through `msSaveOrOpenBlob`, current browsers through an
 * `a[download]` on a blob URL; where neither exists the caller says so in zh-CN.
 * Excel's task pane webviews may ignore the click (office-js issues #2700 on
 * Mac, #1511 on Windows): the pane then points to /fill.html.
 */
interface OldNavigator {
  msSaveOrOpenBlob?: (blob: Blob, name: string) => boolean;
}

/** Whether this browser can save a blob as a file at all. */
export function canSaveFiles(): boolean {
  const nav = navigator as Navigator & OldNavigator;
  if (typeof nav.msSaveOrOpenBlob === "function") return true;
  return (
    typeof URL !== "undefined" && typeof URL.createObjectURL === "function" && "download" in document.createElement("a")
  );
}

/** False when the browser offers no way to save it. */
export function saveFile(blob: Blob, filename: string): boolean {
  const nav = navigator as Navigator & OldNavigator;
  if (typeof nav.msSaveOrOpenBlob === "function") return nav.msSaveOrOpenBlob(blob, filename);
  if (!canSaveFiles()) return false;
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later, not at once: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}
