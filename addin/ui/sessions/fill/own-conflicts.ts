/**
 * A clerk fixes the file they uploaded a moment ago and uploads it again. The
 * file still says it was drawn from the version before the first upload, so
 * the import sees the first upload's values as someone else's change and
 * answers 409 `conflict` for every cell the fix touched. When this page made
 * that upload and nothing was written since (the report is still at the
 * version the upload answered), the "other side" is the clerk's own earlier
 * file: the newer file wins. Its cells are saved as a patch from that version,
 * and the file is uploaded again, which then finds them equal.
 *
 * Only a filler's own unit: a reviewer's download carries masked 身份证号, and a
 * mask must never be saved over a real value (issue 12).
 */
import type { Me } from "../../../../schemas/api/me";
import type { ApiClient } from "../../../sync/api-client";
import { isFileConflict } from "../../../sync/form-file-guards";
import { newIdempotencyKey } from "../../../sync/idempotency-key";

/** What this page's last accepted upload answered. */
export interface LastUpload {
  round: string;
  unit: string;
  version: number;
}

/** The cells taken from the file (the upload should be sent again), or null when the conflict is someone else's. */
export async function takeOwnConflicts(
  api: ApiClient,
  me: Me,
  last: LastUpload | null,
  round: string,
  details: unknown,
): Promise<number | null> {
  const unit = me.unit.code;
  if (!last || me.role !== "filler" || last.round !== round || last.unit !== unit) return null;
  if (!Array.isArray(details) || details.length === 0 || !details.every((d) => isFileConflict(d))) return null;
  const now = await api.report(round, unit);
  if (!now.ok || now.data.version !== last.version) return null;
  const changes = details.map((c) => ({ cell: c.key, value: c.mine }));
  const saved = await api.patchReport(
    round,
    unit,
    { baseVersion: last.version, changes, explanations: {} },
    newIdempotencyKey(),
  );
  return saved.ok ? changes.length : null;
}
