import * as D from "../decimal";
import type { Expr, ExprError } from "./ast";
import { CompileError, type Compiler, type Typed } from "./context";
import { compileCall } from "./functions";
import { compileBinary, compileUnary } from "./operators";
import { parseExpression } from "./parser";
import { compileRef } from "./references";
import type { CompiledExpr, Run, Scope } from "./scope";
import { TYPE_NAMES, type ValueType } from "./value";

export type { CellBinding, CompiledExpr, Frame, RosterBinding, Scope } from "./scope";

/**
 * Parses, type-checks and compiles an expression into closures over a Frame.
 * Compiling to closures (not `eval`) keeps evaluation close to hand-written speed.
 * Each kind of node is compiled in its own file: references.ts (names and
 * roster aggregates), operators.ts (arithmetic, comparison, logic),
 * functions.ts; they share the state of the compilation (context.ts).
 */
export function compileExpression(
  src: string,
  scope: Scope,
  want?: ValueType,
): { ok: true; compiled: CompiledExpr } | { ok: false; error: ExprError } {
  const parsed = parseExpression(src);
  if (!parsed.ok) return parsed;
  const root = parsed.expr;
  const c: Compiler = {
    scope,
    root,
    cells: [],
    rowColumns: [],
    rosters: [],
    previous: [],
    names: new Map<string, Run>(),
    iterating: undefined,
    sides: undefined,
    compile: (e) => compileNode(c, e),
  };
  try {
    const top = c.compile(root);
    if (want && top.type !== want) {
      throw new CompileError(root.pos, `表达式的结果应为${TYPE_NAMES[want]}，实际是${TYPE_NAMES[top.type]}`);
    }
    return {
      ok: true,
      compiled: {
        ...top,
        ...c.sides,
        cells: c.cells,
        rowColumns: c.rowColumns,
        rosters: c.rosters,
        previous: c.previous,
        names: c.names,
      },
    };
  } catch (e) {
    if (e instanceof CompileError) return { ok: false, error: { pos: e.pos, message: e.message } };
    throw e;
  }
}

function compileNode(c: Compiler, e: Expr): Typed {
  switch (e.kind) {
    case "number": {
      const d = D.parseDecimal(e.text);
      if (!d) throw new CompileError(e.pos, `数值 ${e.text} 位数过多`);
      return { type: "number", run: () => d };
    }
    case "string": {
      const v = e.value;
      return { type: "string", run: () => v };
    }
    case "boolean": {
      const v = e.value;
      return { type: "boolean", run: () => v };
    }
    case "ref":
      return compileRef(c, e);
    case "call":
      return compileCall(c, e);
    case "unary":
      return compileUnary(c, e);
    case "binary":
      return compileBinary(c, e);
  }
}
