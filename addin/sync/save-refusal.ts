/**
 * What a refused save means for its batch and the queue: the protocol's table
 * (README.md, "The protocol, in short"), pure; the engine carries it out.
 */
import type { EditConflict } from "../../schemas/api/reports";
import type { ApiFailure } from "./api-result";
import type { Batch, InvalidCell } from "./outbox";
import { parseConflicts, parseInvalidCells } from "./server-details";

/** `requeue`: the server kept nothing of the batch, so its edits go back to the queue first. */
export type SaveRefusal =
  /** 409/412: redo the edits against the current report; queued edits the server named may be conflicts. */
  | { then: "rebase"; requeue: true; conflicts: EditConflict[] }
  /** 422 invalid_cells: these cells leave the queue (listed until typed again); the rest is re-sent. */
  | { then: "reject"; requeue: true; cells: InvalidCell[] }
  /** 413: re-sent in batches of at most `maxBatch` fields. */
  | { then: "shrink"; requeue: true; maxBatch: number }
  /** Wait, retry or stop as health.ts decides for this failure. */
  | { then: "fail"; requeue: boolean };

export function saveRefusal(res: ApiFailure, batch: Batch): SaveRefusal {
  if (res.offline) return { then: "fail", requeue: false };
  switch (res.code) {
    case "edit_conflict":
    case "precondition_failed":
      // Nothing was written.
      return { then: "rebase", requeue: true, conflicts: parseConflicts(res.details) };
    case "invalid_cells": {
      const cells = parseInvalidCells(res.details, batch);
      return cells.length === 0 ? { then: "fail", requeue: false } : { then: "reject", requeue: true, cells };
    }
    case "payload_too_large": {
      const size = batch.body.changes.length + Object.keys(batch.body.explanations).length;
      return size <= 1 ? { then: "fail", requeue: false } : { then: "shrink", requeue: true, maxBatch: Math.ceil(size / 2) };
    }
    default:
      // A 4xx other than 401 means the server wrote nothing and kept no record of the
      // key, so the edits go back to the queue: refresh works again, and a later save
      // is a new batch. (401 is checked before the key: a lost earlier attempt may
      // have been applied, so that batch stays as it is.)
      return { then: "fail", requeue: res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 429 };
  }
}
