/** The few styles the officer pane adds to taskpane.css, injected once. */
const CSS = `
.hb-officer select.hb-input { width: 100%; }
.hb-units { list-style: none; margin: 0; padding: 0; }
.hb-unit-row { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; padding: 6px 0; border-bottom: 1px solid #eee; }
.hb-unit-row .hb-unit-name { flex: 1 1 9em; min-width: 0; }
.hb-unit-row button { font-size: 12px; }
.hb-late { color: #c00000; font-size: 12px; font-weight: 600; }
.hb-state-missing, .hb-state-draft { color: #808080; }
.hb-stamp { color: #555; font-size: 12px; }
.hb-progress { font-size: 13px; margin: 6px 0; }
.hb-return-box textarea { width: 100%; min-height: 4em; box-sizing: border-box; }
.hb-history { list-style: none; margin: 0; padding: 0; font-size: 12px; }
.hb-history li { padding: 4px 0; border-bottom: 1px dashed #ddd; }
.hb-history .hb-history-changes { color: #555; margin: 2px 0 0 1em; padding: 0; }
.hb-officer .hb-actions { display: flex; flex-wrap: wrap; gap: 6px; }
`;

export function injectOfficerStyle(doc: Document = document): void {
  if (doc.getElementById("hb-officer-style")) return;
  const style = doc.createElement("style");
  style.id = "hb-officer-style";
  style.textContent = CSS;
  doc.head.appendChild(style);
}
