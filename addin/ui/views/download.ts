/**
 * A file from the API handed to the browser as a download (the preview, Excel
 * on the web). Excel desktop's task pane webview may ignore it (office-js
 * issues #2700 and #3385 on Mac, #1511 on Windows): the caller then points the
 * clerk to /fill.html, which a full browser opens.
 */
import type { ExportFile } from "../../sync/api-client";

export function browserDownload(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = file.filename;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Where a clerk whose pane cannot save files gets the same form: /fill.html on the pane's own origin. */
export function fillPageUrl(): string {
  return new URL("/fill.html", location.href).href;
}
