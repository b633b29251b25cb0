/**
 * Reading the `details` of the Worker's error answers that the sync engine
 * acts on. Parsed, not cast: a details shape we do not recognise is treated as
 * "no details", which leaves the engine on its safe path.
 */
import type { EditConflict } from "../../schemas/api/reports";
import { array, isEditConflict, object, str } from "./guards";
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
