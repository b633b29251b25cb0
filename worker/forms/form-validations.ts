import { numberBounds } from "../../schemas/layout/form/cell-rules";
import type { CellRule, ValidationBlock } from "../../schemas/layout/form/layout-types";
import { dateToSerial } from "../../schemas/time";
import type { DataValidation } from "../xlsx/sheet";

/**
 * The layout's validation blocks (schemas/layout/form/validation-blocks.ts) as
 * the writer's data validations: the same rule the add-in sets through
 * Office.js (addin/excel/office-draw.ts `applyValidation`, `excelRule`), blanks
 * allowed, the prompt shown, a stop alert — texts already within Excel's limits.
 */
export function dataValidation(v: ValidationBlock): DataValidation {
  const texts = {
    allowBlank: true,
    prompt: { title: v.prompt.title, message: v.prompt.message },
    error: { title: v.alert.title, message: v.alert.message },
  };
  // A custom formula says what the built-in types cannot (a decimal's scale, the 其中 sum as it is typed).
  if (v.formula) return { sqref: v.range, type: "custom", formula1: withoutEquals(v.formula), ...texts };
  return { sqref: v.range, ...rule(v.rule), ...texts };
}

function rule(r: CellRule): Pick<DataValidation, "type" | "operator" | "formula1" | "formula2"> {
  switch (r.type) {
    case "wholeNumber":
    case "decimal": {
      const { min, max } = numberBounds(r);
      const type = r.type === "wholeNumber" ? "whole" : "decimal";
      return r.max === undefined
        ? { type, operator: "greaterThanOrEqual", formula1: String(min) }
        : { type, operator: "between", formula1: String(min), formula2: String(max) };
    }
    case "list":
      // An inline list is a quoted text constant (`"a,b,c"`); a long one a range of the hidden option columns.
      return {
        type: "list",
        formula1: r.source.startsWith("=") ? r.source.slice(1) : `"${r.source.replace(/"/g, '""')}"`,
      };
    case "textLength":
      return r.min === r.max
        ? { type: "textLength", operator: "equal", formula1: String(r.min) }
        : { type: "textLength", operator: "between", formula1: String(r.min), formula2: String(r.max) };
    case "date":
      return { type: "date", operator: "greaterThanOrEqual", formula1: String(dateSerial(r.min)) };
  }
}

/** An ISO date as Excel's serial number, the way Excel writes a date bound (1900-01-01 is 1). */
export function dateSerial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return dateToSerial(y, m, d) ?? 1;
}

export function withoutEquals(formula: string): string {
  return formula.startsWith("=") ? formula.slice(1) : formula;
}
