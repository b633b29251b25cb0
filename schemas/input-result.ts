/** What parsing one cell gives: the canonical text (null = blank), or a zh-CN message naming the cell. */
export type InputResult = { ok: true; value: string | null } | { ok: false; message: string };

export function ok(value: string): InputResult {
  return { ok: true, value };
}

/** `where` names the cell (第 1 项「共筹集资金」); the message goes on from it. */
export function fail(where: string, message: string): InputResult {
  return { ok: false, message: where + message };
}
