/**
 * Reading the `details` of the Worker's error answers that the sync engine
 * acts on. Parsed, not cast: a details shape we do not recognise is treated as
 * "no details", which leaves the engine on its safe path.
 */
import { z } from "zod";
import { EditConflict } from "../../schemas/api/reports";
import { batchFields, type Batch, type InvalidCell } from "./outbox";

const ConflictDetails = z.object({ conflicts: z.array(EditConflict) });
const InvalidDetails = z.object({
  cells: z.array(z.object({ cell: z.string(), code: z.string(), message: z.string() })),
});

/** 409 edit_conflict: `details.conflicts`. */
export function parseConflicts(details: unknown): EditConflict[] {
  const parsed = ConflictDetails.safeParse(details);
  return parsed.success ? parsed.data.conflicts : [];
}

/** 422 invalid_cells: `details.cells`, each with the value that was refused from `batch`. */
export function parseInvalidCells(details: unknown, batch: Batch): InvalidCell[] {
  const parsed = InvalidDetails.safeParse(details);
  if (!parsed.success) return [];
  const sent = new Map(batchFields(batch));
  return parsed.data.cells.flatMap((c) => (sent.has(c.cell) ? [{ ...c, value: sent.get(c.cell) ?? null }] : []));
}
