import type { BinaryOp, Expr, ExprError } from "./ast";
import { tokenize, type Token } from "./lexer";

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExprError };

/** Deeper nesting than this is certainly a mistake and would risk the stack. */
const MAX_DEPTH = 64;

class ParseError extends Error {
  constructor(
    readonly pos: number,
    message: string,
  ) {
    super(message);
  }
}

/** Recursive-descent parser for the rule language (grammar in docs/template-language.md). */
export function parseExpression(src: string): ParseResult {
  const lexed = tokenize(src);
  if ("error" in lexed) return { ok: false, error: lexed.error };
  const tokens = lexed.tokens;
  let at = 0;
  let depth = 0;

  const peek = (): Token => tokens[at] as Token;
  const next = (): Token => tokens[at++] as Token;
  const isOp = (...ops: string[]): boolean => peek().kind === "op" && ops.includes(peek().text);
  const isWord = (word: string): boolean => peek().kind === "name" && peek().text === word;
  const describe = (t: Token): string => (t.kind === "end" ? "表达式结尾" : `「${t.text}」`);
  const expect = (kind: Token["kind"], what: string): Token => {
    const t = peek();
    if (t.kind !== kind) throw new ParseError(t.pos, `此处应为${what}，实际是${describe(t)}`);
    return next();
  };

  function nested<T>(fn: () => T): T {
    if (++depth > MAX_DEPTH) throw new ParseError(peek().pos, "表达式嵌套过深");
    try {
      return fn();
    } finally {
      depth--;
    }
  }

  function binaryChain(sub: () => Expr, match: () => BinaryOp | undefined): Expr {
    let left = sub();
    for (let op = match(); op !== undefined; op = match()) {
      const pos = next().pos;
      left = { kind: "binary", pos, op, left, right: sub() };
    }
    return left;
  }

  const orExpr = (): Expr => binaryChain(andExpr, () => (isWord("or") || isOp("or") ? "or" : undefined));
  const andExpr = (): Expr => binaryChain(notExpr, () => (isWord("and") || isOp("and") ? "and" : undefined));

  function notExpr(): Expr {
    if (isWord("not") || isOp("not")) {
      const pos = next().pos;
      return nested(() => ({ kind: "unary", pos, op: "not", operand: notExpr() }));
    }
    return compare();
  }

  function compare(): Expr {
    const left = sum();
    if (isOp("=", "!=", "<", "<=", ">", ">=")) {
      const t = next();
      const right = sum();
      if (isOp("=", "!=", "<", "<=", ">", ">=")) {
        throw new ParseError(peek().pos, "比较不能连写，请用 and 连接两个比较");
      }
      return { kind: "binary", pos: t.pos, op: t.text as BinaryOp, left, right };
    }
    return left;
  }

  const sum = (): Expr => binaryChain(product, () => (isOp("+", "-") ? (peek().text as BinaryOp) : undefined));
  const product = (): Expr => binaryChain(unary, () => (isOp("*", "/") ? (peek().text as BinaryOp) : undefined));

  function unary(): Expr {
    if (isOp("-")) {
      const pos = next().pos;
      return nested(() => ({ kind: "unary", pos, op: "-", operand: unary() }));
    }
    return primary();
  }

  function primary(): Expr {
    const t = peek();
    switch (t.kind) {
      case "number":
        next();
        return { kind: "number", pos: t.pos, text: t.text };
      case "string":
        next();
        return { kind: "string", pos: t.pos, value: t.text };
      case "(": {
        next();
        const inner = nested(orExpr);
        expect(")", "右括号「)」");
        return inner;
      }
      case "name":
        return nameExpr();
      default:
        throw new ParseError(t.pos, `此处应为数值、字段或函数，实际是${describe(t)}`);
    }
  }

  function nameExpr(): Expr {
    const t = next();
    if (t.text === "true" || t.text === "false") return { kind: "boolean", pos: t.pos, value: t.text === "true" };
    if (t.text === "and" || t.text === "or" || t.text === "not") {
      throw new ParseError(t.pos, `「${t.text}」前缺少操作数`);
    }
    if (peek().kind === "(") {
      next();
      const args: Expr[] = [];
      if (peek().kind !== ")") {
        do args.push(nested(orExpr));
        while (peek().kind === "," && next());
      }
      expect(")", "右括号「)」");
      return { kind: "call", pos: t.pos, name: t.text, args };
    }
    const path = [t.text];
    while (peek().kind === ".") {
      next();
      path.push(expect("name", "字段名").text);
    }
    return { kind: "ref", pos: t.pos, path };
  }

  try {
    const expr = orExpr();
    if (peek().kind !== "end") throw new ParseError(peek().pos, `多余的内容${describe(peek())}`);
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: { pos: e.pos, message: e.message } };
    throw e;
  }
}
