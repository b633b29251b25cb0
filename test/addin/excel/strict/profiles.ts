/**
 * Which Excel the strict fake pretends to be: the ExcelApi requirement set
 * the host supports, its platform, and the API version of the office.js the
 * task pane loaded. The two versions differ in real life: the npm copy of
 * office.js the add-in shipped knew no `Worksheet.notes` while Excel on the
 * web reported ExcelApi 1.18 (issue 11, item 1), and the CDN office.js knows
 * every member while an old desktop Excel refuses those it lacks.
 *
 * Platform minimum versions: "Excel JavaScript API requirement sets"
 * (office-js-docs-reference, docs/requirement-sets/excel/excel-api-requirement-sets.md):
 * 1.20 Microsoft 365 Version 2509 / Mac 16.100 / web; 1.18 Version 2501 / Mac 16.93;
 * 1.17 Office 2024; 1.14 Office 2021 (Version 2108); 1.9 Microsoft 365 Version 1903
 * (what manifest/manifest.xml declares).
 */

export type Platform = "web" | "windows" | "mac";

export interface HostProfile {
  name: string;
  /** The highest ExcelApi set the host supports. */
  api: string;
  platform: Platform;
  /**
   * The ExcelApi version the loaded office.js knows: an object has a member
   * only when the library knows it (default: the host's own version). A
   * member the library knows and the host lacks fails at sync with ApiNotFound.
   */
  library?: string;
}

/** A member and the ExcelApi set it arrived in (Excel JavaScript API reference). */
export const MEMBER_API = {
  /** Worksheet.protection with options, RangeFormat.protection, WorksheetProtection.protect(options). */
  protection: "1.2",
  /** Range.dataValidation, Worksheet.onChanged details … */
  dataValidation: "1.8",
  /** WorksheetChangedEventArgs.details. */
  changeDetails: "1.9",
  /** Workbook.comments / Worksheet.comments (threaded comments). */
  comments: "1.10",
  /** RunOptions.delayForCellEdit. */
  delayForCellEdit: "1.11",
  /** Table.resize. */
  tableResize: "1.13",
  /** Range.getMergedAreasOrNullObject (RangeAreas of the merged cells). */
  mergedAreas: "1.13",
  /** WorksheetChangedEventArgs.triggerSource. */
  triggerSource: "1.14",
  /** Workbook.notes / Worksheet.notes (NoteCollection). */
  notes: "1.18",
  /** Add-in writes join the user's undo stack; RunOptions.mergeUndoGroup. */
  addinUndo: "1.20",
} as const;

export type Member = keyof typeof MEMBER_API;

export const hostProfiles = {
  "web-1.20": { name: "web-1.20", api: "1.20", platform: "web" },
  "web-1.18": { name: "web-1.18", api: "1.18", platform: "web" },
  /** The bug of issue 11: the host has notes, the bundled npm office.js does not. */
  "web-1.18-npm-officejs": { name: "web-1.18-npm-officejs", api: "1.18", platform: "web", library: "1.17" },
  "windows-1.20": { name: "windows-1.20", api: "1.20", platform: "windows" },
  "mac-1.18": { name: "mac-1.18", api: "1.18", platform: "mac" },
  "office2024-1.17": { name: "office2024-1.17", api: "1.17", platform: "windows" },
  "office2021-1.14": { name: "office2021-1.14", api: "1.14", platform: "windows" },
  "windows-1.13": { name: "windows-1.13", api: "1.13", platform: "windows" },
  "windows-1.10": { name: "windows-1.10", api: "1.10", platform: "windows" },
  "windows-1.9": { name: "windows-1.9", api: "1.9", platform: "windows" },
  /** An old desktop Excel running the CDN office.js: members exist, the host refuses them. */
  "windows-1.9-cdn": { name: "windows-1.9-cdn", api: "1.9", platform: "windows", library: "1.20" },
} satisfies Record<string, HostProfile>;

export type ProfileName = keyof typeof hostProfiles;

/** "1.13" ≥ "1.9": versions compare by number, not as text. */
export function atLeast(version: string, min: string): boolean {
  const [a = 0, b = 0] = version.split(".").map(Number);
  const [c = 0, d = 0] = min.split(".").map(Number);
  return a !== c ? a > c : b >= d;
}

/** What `Office.context.requirements.isSetSupported` answers on this host. */
export function isSetSupported(profile: HostProfile, name: string, min = "1.1"): boolean {
  return name === "ExcelApi" && atLeast(profile.api, min);
}

/** Whether the host runs the member (a call it lacks fails with ApiNotFound). */
export function hostHas(profile: HostProfile, member: Member): boolean {
  return atLeast(profile.api, MEMBER_API[member]);
}

/** Whether the office.js objects have the member at all (else reading it gives `undefined`). */
export function libraryHas(profile: HostProfile, member: Member): boolean {
  return atLeast(profile.library ?? profile.api, MEMBER_API[member]);
}

export function profileOf(p: ProfileName | HostProfile): HostProfile {
  return typeof p === "string" ? hostProfiles[p] : p;
}
