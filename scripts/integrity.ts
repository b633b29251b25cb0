/**
 * `npm run verify` without the Node parts (scripts/verify.ts is the command):
 * follows GET /integrity's `next` until every report was checked or one is broken.
 */

export interface IntegrityPage {
  ok: boolean;
  checked: number;
  firstBroken?: { round: string; unit: string; version: number; what: string };
  next?: number;
}

/** `get(query)` answers GET /api/v1/integrity?query (throws on a non-200). */
export async function verifyAll(
  get: (query: string) => Promise<IntegrityPage>,
  round?: string,
): Promise<{ ok: boolean; checked: number; message: string }> {
  let after = 0;
  let checked = 0;
  for (;;) {
    const query = new URLSearchParams({ after: String(after), ...(round ? { round } : {}) }).toString();
    const page = await get(query);
    checked += page.checked;
    const b = page.firstBroken;
    if (b) {
      return {
        ok: false,
        checked,
        message: `完整性校验失败：轮次 ${b.round} 单位 ${b.unit} 第 ${b.version} 版：${b.what}`,
      };
    }
    if (page.next === undefined) return { ok: true, checked, message: `完整性校验通过：共核对 ${checked} 份报表` };
    after = page.next;
  }
}
