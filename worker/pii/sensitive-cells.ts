import { isSensitive, type ColumnType, type Template } from "../../schemas/template";

/** A sensitive cell of a template: its column type (for the mask) and the scope of its key. */
export interface SensitiveCell {
  type: ColumnType;
  /** `<roster>.<rowId>` for a roster cell, `header` for a header field (worker/pii/report-keys.ts). */
  scope: string;
}

interface Lookup {
  header: Map<string, ColumnType>;
  rosters: Map<string, Map<string, ColumnType>>;
}

const ROW_ID = /^[A-Za-z0-9_-]{1,32}$/;
const lookups = new WeakMap<Template, Lookup>();

function lookupOf(template: Template): Lookup {
  let l = lookups.get(template);
  if (!l) {
    l = { header: new Map(), rosters: new Map() };
    for (const c of template.header) if (isSensitive(c)) l.header.set(`header.${c.key}`, c.type);
    for (const s of template.sections) {
      if (s.kind !== "roster") continue;
      const cols = new Map(s.columns.filter(isSensitive).map((c) => [c.key, c.type] as const));
      if (cols.size > 0) l.rosters.set(s.key, cols);
    }
    lookups.set(template, l);
  }
  return l;
}

export function hasSensitive(template: Template): boolean {
  const l = lookupOf(template);
  return l.header.size > 0 || l.rosters.size > 0;
}

/** The cell's sensitivity (cell keys as in schemas/cells.ts locateCell), or null. */
export function sensitiveCell(template: Template, key: string): SensitiveCell | null {
  const l = lookupOf(template);
  const header = l.header.get(key);
  if (header) return { type: header, scope: "header" };
  const first = key.indexOf(".");
  const last = key.lastIndexOf(".");
  if (first < 0 || first === last) return null;
  const type = l.rosters.get(key.slice(0, first))?.get(key.slice(last + 1));
  const rowId = key.slice(first + 1, last);
  return type && ROW_ID.test(rowId) ? { type, scope: key.slice(0, last) } : null;
}
