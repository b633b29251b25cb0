import { XmlCursor } from "./xml";

/**
 * The package structure of an OOXML file (ECMA-376 Part 2, Open Packaging
 * Conventions): a part's relationships live in `_rels/<part>.rels` beside it
 * (§9.3), their targets are relative to the part's folder or absolute from
 * the package root. Relationship types are matched by their last segment so
 * that Transitional (`http://schemas.openxmlformats.org/…/worksheet`) and
 * Strict (`http://purl.oclc.org/ooxml/…/worksheet`) files both read.
 */
export interface Relationship {
  id: string;
  /** Last segment of the type: `officeDocument`, `worksheet`, `sharedStrings`, `styles`, `table` … */
  kind: string;
  /** The target part's name in the ZIP (no leading slash), or the raw URI when external. */
  target: string;
  external: boolean;
}

export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** A relationship target as a part name: relative to the source's folder, `..` resolved, percent-escapes decoded. */
export function resolveTarget(source: string, target: string): string {
  let path = target.replace(/\\/g, "/");
  try {
    path = decodeURIComponent(path);
  } catch {
    // a stray % stays as written
  }
  const base = path.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") base.pop();
    else base.push(segment);
  }
  return base.join("/");
}

export function parseRels(xml: string, source: string): Relationship[] {
  const out: Relationship[] = [];
  const cursor = new XmlCursor(xml, relsPathOf(source));
  for (let token = cursor.next(); token !== "end"; token = cursor.next()) {
    if (token !== "open" || cursor.name !== "Relationship") continue;
    const { Id, Type, Target, TargetMode } = cursor.attrs;
    if (Target === undefined || Type === undefined) continue;
    const external = TargetMode === "External";
    out.push({
      id: Id ?? "",
      kind: Type.slice(Type.lastIndexOf("/") + 1),
      target: external ? Target : resolveTarget(source, Target),
      external,
    });
  }
  return out;
}
