/**
 * Syntax tree of the rule language. Every node carries `pos`, the 1-based
 * character position in the source, so errors can say 第 12 个字符.
 */
export type BinaryOp = "+" | "-" | "*" | "/" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or";

export type Expr =
  | { kind: "number"; pos: number; text: string }
  | { kind: "string"; pos: number; value: string }
  | { kind: "boolean"; pos: number; value: boolean }
  | { kind: "ref"; pos: number; path: string[] }
  | { kind: "call"; pos: number; name: string; args: Expr[] }
  | { kind: "unary"; pos: number; op: "-" | "not"; operand: Expr }
  | { kind: "binary"; pos: number; op: BinaryOp; left: Expr; right: Expr };

export const COMPARISON_OPS: ReadonlySet<BinaryOp> = new Set(["=", "!=", "<", "<=", ">", ">="]);

/** A located error: `pos` is the 1-based character position. */
export interface ExprError {
  pos: number;
  message: string;
}
