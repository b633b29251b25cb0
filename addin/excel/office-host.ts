/** The Office globals the Excel adapters need (injectable for tests), and how their sheets are protected. */

export interface ExcelHost {
  /** `Excel.run`, with or without its RunOptions (delayForCellEdit, mergeUndoGroup). */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, minVersion: string): boolean;
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
  };
}

/**
 * The sheet is protected so labels, formulas and number formats stay as
 * published (an 18-digit 身份证号 survives only in a "@" cell). Clerks may
 * still resize rows and columns to read long labels and filter a roster;
 * sorting is off because a roster row id is its position.
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
  allowEditObjects: false,
  allowEditScenarios: false,
  allowPivotTables: false,
};
