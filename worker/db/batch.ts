/**
 * Helpers for D1's one-batch-per-write rule.
 *
 * A guarded write is: statement 1 = `UPDATE … SET write_id = ?w … WHERE version = ?`;
 * every following statement of the batch carries `stampedReport(…)`/`stampedRound(…)`
 * in its WHERE, so when the guard matched no row the rest of the batch is a no-op.
 * The stamp is a fresh UUID, so a concurrent writer that happened to produce the
 * same version number can never satisfy our condition.
 */
export const STAMPED_REPORT = "EXISTS (SELECT 1 FROM reports WHERE id = ? AND write_id = ?)";
export const STAMPED_ROUND = "EXISTS (SELECT 1 FROM rounds WHERE id = ? AND write_id = ?)";

export function newWriteId(): string {
  return crypto.randomUUID();
}

/**
 * Splits rows into JSON arrays for `json_each(?)`, each at most `maxChars` long,
 * so no bound string nears D1's 2 MB value limit and no statement has more than
 * a handful of parameters however many rows there are.
 */
export function jsonChunks<T>(rows: readonly T[], maxChars = 500_000): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 2;
  for (const row of rows) {
    const text = JSON.stringify(row);
    if (parts.length > 0 && size + text.length + 1 > maxChars) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      size = 2;
    }
    parts.push(text);
    size += text.length + 1;
  }
  if (parts.length > 0) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}
