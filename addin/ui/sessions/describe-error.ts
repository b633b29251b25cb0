/**
 * Any thrown value → a zh-CN sentence for the pane's status line; nothing raw
 * reaches the clerk. Sessions and views both report failures this way.
 */
export function describeError(e: unknown): string {
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  return `操作没有完成，请重试。（${detail}）`;
}
