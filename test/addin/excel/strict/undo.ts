/**
 * The user's undo stack, as far as an add-in can damage it.
 *
 * ExcelApi 1.20 "adds undo support for Excel JavaScript APIs"
 * (requirement-sets/excel/excel-api-1-20-requirement-set.md); before it, any
 * change an add-in makes leaves nothing the user can undo past — so on hosts
 * below 1.20 every add-in write counts as clearing the stack. From 1.20 on,
 * only the APIs of the "Unsupported APIs" table of "Undo support with the Excel
 * JavaScript API" (docs/excel/excel-add-ins-undo-capabilities.md) clear it —
 * "If you call an unsupported API in your add-in, the user's undo stack is
 * cleared starting from that API call" — each per platform as the table says.
 */
import type { HostProfile } from "./profiles";
import { hostHas } from "./profiles";

/** The table's rows the adapters can reach: API → [clears on the web, clears on Windows and Mac]. */
export const UNDO_UNSUPPORTED: Readonly<Record<string, readonly [web: boolean, desktop: boolean]>> = {
  "WorksheetProtection.protect": [true, true],
  "WorksheetProtection.unprotect": [true, true],
  "WorksheetProtection.pauseProtection": [true, true],
  "WorksheetProtection.resumeProtection": [true, true],
  "WorksheetProtection.setPassword": [true, true],
  "WorksheetProtection.updateOptions": [true, true],
  "WorkbookProtection.protect": [true, true],
  "WorkbookProtection.unprotect": [true, true],
  "Worksheet.delete": [true, true],
  "Worksheet.copy": [true, true],
  // "Supported in Excel on the web: Yes; on Windows and Mac: No".
  "Worksheet.name": [false, true],
  "Worksheet.position": [false, true],
  "Worksheet.visibility": [false, true],
  // "Supported in Excel on the web: No; on Windows and Mac: Yes".
  "Worksheet.standardWidth": [true, false],
  "Workbook.save": [true, true],
  "Workbook.close": [true, true],
};

export class UndoModel {
  /** Calls that cleared the user's undo stack, in order. */
  readonly clears: string[] = [];
  /** How many steps the user could undo now. */
  depth = 0;

  constructor(private readonly profile: HostProfile) {}

  /** Whether an add-in call of `api` (a write) clears the stack on this host. */
  clearsUndo(api: string): boolean {
    if (!hostHas(this.profile, "addinUndo")) return true;
    const row = UNDO_UNSUPPORTED[api];
    if (!row) return false;
    return this.profile.platform === "web" ? row[0] : row[1];
  }

  /** An add-in write ran at sync. */
  addinWrite(api: string): void {
    if (this.clearsUndo(api)) {
      this.clears.push(api);
      this.depth = 0;
    } else {
      this.depth++;
    }
  }

  /** The user typed, pasted or picked. */
  userAction(): void {
    this.depth++;
  }

  /** Clearing calls since `mark` (a length of `clears` taken earlier). */
  since(mark: number): string[] {
    return this.clears.slice(mark);
  }
}
