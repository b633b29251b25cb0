/**
 * What a refused save means for its batch and the queue: the protocol's table
 * (README.md, "The protocol, in short"), pure; the engine carries it out.
 */
import type { EditConflict } from "../../schemas/api/reports";
import type { ApiFailure } from "./api-result";
import type { Batch, InvalidCell } from "./outbox";
import { parseConflicts, parseInvalidCells } from "./server-details";

/**
 * All but "fail" first put the batch's edits back in the queue: the server kept
 * nothing of it. "fail" does so only with `requeue`.
 */
export type SaveRefusal =
  /** 409/412: redo the edits against the current report; queued edits the server named may be conflicts. */
  | { kind: "rebase"; conflicts: EditConflict[] }
  /** 422 invalid_cells: these cells leave the queue (listed until typed again); the rest is re-sent. */
  | { kind: "reject"; cells: InvalidCell[] }
  /** 413: re-sent in batches of at most `maxBatch` fields. */
  | { kind: "shrink"; maxBatch: number }
  /** Wait, retry or stop as health.ts decides for this failure. */
  | { kind: "fail"; requeue?: boolean };

export function saveRefusal(res: ApiFailure, batch: Batch): SaveRefusal {
  if (res.offline) return { kind: "fail" };
  switch (res.code) {
    case "edit_conflict":
    case "precondition_failed":
      // Nothing was written.
      return { kind: "rebase", conflicts: parseConflicts(res.details) };
    case "invalid_cells": {
      const cells = parseInvalidCells(res.details, batch);
      return cells.length === 0 ? { kind: "fail" } : { kind: "reject", cells };
    }
    case "payload_too_large": {
      const size = batch.body.changes.length + Object.keys(batch.body.explanations).length;
      return size <= 1 ? { kind: "fail" } : { kind: "shrink", maxBatch: Math.ceil(size / 2) };
    }
    default:
      // A 4xx other than 401 means the server wrote nothing and kept no record of the
      // key, so the edits go back to the queue: refresh works again, and a later save
      // is a new batch. (401 is checked before the key: a lost earlier attempt may
      // have been applied, so that batch stays as it is.)
      return {
        kind: "fail",
        requeue: res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 429,
      };
  }
}
