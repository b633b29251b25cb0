/** The Office globals the Excel adapters need (injectable for tests), and how their sheets are protected. */

/**
 * The office.js classes the task pane loaded. A member exists on a prototype
 * only when that office.js knows it (`Excel.Worksheet.prototype` has `notes`
 * from ExcelApi 1.18 on), whatever the host reports (office-features.ts).
 */
export interface OfficeLibrary {
  Worksheet: { prototype: object };
  Workbook: { prototype: object };
  Table: { prototype: object };
  Range: { prototype: object };
}

export interface ExcelHost {
  /** `Excel.run`, with or without its RunOptions (delayForCellEdit, mergeUndoGroup). */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, minVersion: string): boolean;
  library: OfficeLibrary;
}

export function officeHost(): ExcelHost {
  function run<T>(
    a: Excel.RunOptions | ((context: Excel.RequestContext) => Promise<T>),
    b?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    return typeof a === "function" ? Excel.run(a) : Excel.run(a, b as (context: Excel.RequestContext) => Promise<T>);
  }
  return {
    run,
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    library: Excel,
  };
}

/**
 * The options of every batch: wait while the clerk is editing a cell instead
 * of failing with InvalidOperationInCellEditMode (RunOptions.delayForCellEdit,
 * ExcelApi 1.11; older hosts ignore it and the callers retry).
 */
export const RUN: Excel.RunOptions = { delayForCellEdit: true };

/**
 * The sheet is protected so labels, formulas and number formats stay as
 * published (an 18-digit 身份证号 survives only in a "@" cell). Clerks may
 * still resize rows and columns to read long labels and filter a roster;
 * sorting is off because a roster row id is its position. Objects stay
 * editable: notes are objects, and the add-in notes a marked cell without
 * unprotecting the sheet (office-marks.ts) — the form has no other objects.
 */
export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowFormatCells: false,
  allowSort: false,
  allowInsertRows: false,
  allowDeleteRows: false,
  allowInsertColumns: false,
  allowDeleteColumns: false,
  allowInsertHyperlinks: false,
  allowEditObjects: true,
  allowEditScenarios: false,
  allowPivotTables: false,
};
