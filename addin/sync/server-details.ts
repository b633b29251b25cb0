/**
 * Reading the `details` of the Worker's error answers that the sync engine
 * acts on. Parsed, not cast: a details shape we do not recognise is treated as
 * "no details", which leaves the engine on its safe path.
 */
import type { EditConflict } from "../../schemas/api/reports";
import type { Problem } from "../../schemas/problem";
import { isEditConflict, isProblem } from "./api-guards";
import { array, object, str } from "./guards";
import { batchFields, type Batch, type InvalidCell } from "./outbox";

const isConflictDetails = object({ conflicts: array(isEditConflict) });
const isInvalidDetails = object({ cells: array(object({ cell: str, code: str, message: str })) });

/** 409 edit_conflict: `details.conflicts`. */
export function parseConflicts(details: unknown): EditConflict[] {
  if (!isConflictDetails(details)) return [];
  // Only the fields of a conflict: they are stored in the outbox as they are.
  return details.conflicts.map(({ cell, base, theirs, mine }) => ({ cell, base, theirs, mine }));
}

/** 422 invalid_cells: `details.cells`, each with the value that was refused from `batch`. */
export function parseInvalidCells(details: unknown, batch: Batch): InvalidCell[] {
  if (!isInvalidDetails(details)) return [];
  const sent = new Map(batchFields(batch));
  return details.cells.flatMap(({ cell, code, message }) =>
    sent.has(cell) ? [{ cell, code, message, value: sent.get(cell) ?? null }] : [],
  );
}

const isProblemDetails = object({ problems: array(isProblem) });

/** The problems in the `details` of a refused submit (`has_errors`, `missing_explanations`); [] otherwise. */
export function problemsOfDetails(details: unknown): Problem[] {
  if (!isProblemDetails(details)) return [];
  // Only the fields of a problem, as a copy: what the server sent besides is not ours to keep.
  return details.problems.map(({ id, ruleId, severity, cells, message, row }) => ({
    id,
    ruleId,
    severity,
    cells: [...cells],
    message,
    ...(row === undefined ? {} : { row }),
  }));
}
