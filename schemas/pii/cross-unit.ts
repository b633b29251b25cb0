/**
 * The filler's warning when a sensitive value they saved (a student's 身份证号, a
 * family's 银行卡号) is held by another unit in a round of the same year (the blind
 * index, worker/pii/). It names neither the unit nor the person: the filler may not
 * learn who else reported whom. It is a notice, not a rule's warning: it does not
 * block 上报 and needs no 上报说明 (the officer sees every such duplicate, with both
 * units, in the consolidation and decides), so it is never counted with the problems.
 */
/** Problem ids of the notices: `cross-unit@<cell key>`, stable while the cell keeps its value. */
export const CROSS_UNIT_RULE = "cross-unit";

/** The shape of a problem (schemas/problem.ts) without a severity: it is neither error nor warning. */
export interface CrossUnitNotice {
  id: string;
  ruleId: typeof CROSS_UNIT_RULE;
  /** The one cell it is about (a roster cell `roster.rowId.col` or a header field). */
  cells: string[];
  message: string;
  /** Roster row id of a roster cell. */
  row?: string;
}

const WHAT: Record<string, string> = { idcard: "身份证号", bankcard: "银行卡号", phone: "电话号码" };

export function crossUnitMessage(kind: string): string {
  const what = WHAT[kind] ?? "该项内容";
  const check = kind === "bankcard" ? "请核实是否填错或重复资助" : "请核实是否重复资助";
  return `该${what}已在本年度其他单位的名册中填报，${check}（仅提示，不影响上报，无需填写上报说明）`;
}

/** The notice of one cell; `kind` is the column's type (idcard, bankcard …). */
export function crossUnitNotice(cell: string, kind: string): CrossUnitNotice {
  const parts = cell.split(".");
  const row = parts.length === 3 && parts[0] !== "header" ? parts[1] : undefined;
  return {
    id: `${CROSS_UNIT_RULE}@${cell}`,
    ruleId: CROSS_UNIT_RULE,
    cells: [cell],
    message: crossUnitMessage(kind),
    ...(row !== undefined ? { row } : {}),
  };
}
