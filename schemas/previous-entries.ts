import type { Expr } from "./expr/ast";
import { parseExpression } from "./expr/parser";
import type { Template } from "./template";

/**
 * The checks of a template's `previous` entries that need no other version
 * (compileTemplate runs them at publish): each `key` is an item or grid cell of
 * this template, listed once, and each `from` parses and reads no prev().
 * Whether `from` names cells of the previous version is checked where that
 * version is known: the Worker's publish (schemas/previous.ts, `previousSourceIssues`).
 */
export function previousEntryIssues(
  template: Template,
  isPreviousCell: (key: string) => boolean,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  template.previous.forEach((entry, i) => {
    const at = `previous[${i}]`;
    if (!isPreviousCell(entry.key)) {
      issues.push({ path: `${at}.key`, message: `previous 中的 ${entry.key} 不是本表的项目或表格单元格` });
    } else if (seen.has(entry.key)) {
      issues.push({ path: `${at}.key`, message: `previous 中的 ${entry.key} 重复` });
    }
    seen.add(entry.key);
    const parsed = parseExpression(entry.from);
    if (!parsed.ok) {
      issues.push({ path: `${at}.from`, message: sourceMessage(entry.key, parsed.error.pos, parsed.error.message) });
      return;
    }
    const call = firstCall(parsed.expr, (name) => name === "prev" || name === "count");
    if (call) {
      issues.push({
        path: `${at}.from`,
        message: sourceMessage(entry.key, call.pos, `来源只能由上一版的项目和表格单元格计算，不能使用 ${call.name}()`),
      });
    }
  });
  return issues;
}

/** How an issue of `previous[i].from` reads: 「raised」的上一轮来源第 1 个字符：… */
export function sourceMessage(key: string, pos: number, message: string): string {
  return `${key} 的上一轮来源第 ${pos} 个字符：${message}`;
}

function firstCall(e: Expr, match: (name: string) => boolean): Extract<Expr, { kind: "call" }> | undefined {
  switch (e.kind) {
    case "call":
      if (match(e.name)) return e;
      for (const a of e.args) {
        const found = firstCall(a, match);
        if (found) return found;
      }
      return undefined;
    case "unary":
      return firstCall(e.operand, match);
    case "binary":
      return firstCall(e.left, match) ?? firstCall(e.right, match);
    default:
      return undefined;
  }
}
