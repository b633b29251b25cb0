/**
 * The one place the Worker reaches the template engine in schemas/: the same
 * cell parser, checker and rule engine the add-in runs.
 */
export { parseCellInput, type CellInputResult as ParseCellResult } from "../schemas/cells";
export { checkTemplate } from "../schemas/check";
export { validate } from "../schemas/validate";
