/**
 * The helper cells that read the form's cells as the engine does
 * (cell-reads.ts), one line each on the 校验结果 sheet: the place (第 1 项…)
 * and the value the rules see. Rules and messages refer to these lines, so a
 * cell's reading is written once however many rules read it.
 */
import type { CellInfo, CompiledTemplate } from "../../../compile";
import type { CheckCell } from "./check-types";
import type { SheetLayout } from "../layout-types";
import { readFormula, readKind, READ_LIMIT } from "./cell-reads";
import { sheetPrefix } from "./excel-text";
import { NotCompiled, REL, type Operand } from "./operand";
import type { Shown } from "./message-formula";

/** Relative error of a read value (formula.ts REL). */
const READ_ERR = READ_LIMIT * REL;

export class TemplateReads {
  readonly cells: CheckCell[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly addressOf: Map<string, string>;

  constructor(
    private readonly compiled: CompiledTemplate,
    private readonly layout: SheetLayout,
    private readonly firstRow: number,
    private readonly labelColumn: string,
    private readonly valueColumn: string,
  ) {
    this.addressOf = new Map(layout.cells.map((c) => [c.key, c.address]));
  }

  /** How many cells are read (their lines follow one another from the first row). */
  get count(): number {
    return this.rowOf.size;
  }

  /** The cell a name of the template refers to, or why the spreadsheet cannot read it. */
  cell(path: readonly string[]): CellInfo {
    const key = path.join(".");
    const cell = this.compiled.cellByKey.get(key);
    if (!cell) throw new NotCompiled(`未知字段 ${key}`);
    if (cell.computed) throw new NotCompiled(`读取了${cell.where}，该项由系统计算，表格中的值不一定与系统相同`);
    const kind = readKind(cell.spec);
    if (kind !== "number" && kind !== "enum" && kind !== "idcard" && kind !== "text") {
      throw new NotCompiled(`读取了${cell.where}（${kind}），表格无法按系统的规则读取`);
    }
    if (!this.addressOf.has(key)) throw new NotCompiled(`${cell.where}不在表上`);
    return cell;
  }

  operand(path: readonly string[]): Operand {
    const cell = this.cell(path);
    const f = this.helper(cell);
    const kind = readKind(cell.spec);
    if (kind === "number") {
      const scale = cell.spec.kind === "decimal" || cell.spec.kind === "money" ? cell.spec.scale : 0;
      return { type: "number", f, nullable: true, scale, bound: READ_LIMIT, err: READ_ERR };
    }
    return kind === "idcard" ? { type: "string", f, idcard: true } : { type: "string", f };
  }

  shown(path: readonly string[]): Shown {
    const cell = this.cell(path);
    const scale = readKind(cell.spec) === "number" ? (this.operand(path) as { scale: number }).scale : undefined;
    return { cell: this.helper(cell), scale };
  }

  private formRef(cell: CellInfo): string {
    const address = this.addressOf.get(cell.key) as string;
    const m = /^([A-Z]+)(\d+)$/.exec(address) as RegExpExecArray;
    return `${sheetPrefix(this.layout.sheet)}$${m[1]}$${m[2]}`;
  }

  private helper(cell: CellInfo): string {
    let row = this.rowOf.get(cell.key);
    if (row === undefined) {
      row = this.firstRow + this.rowOf.size;
      this.rowOf.set(cell.key, row);
      this.cells.push({ address: `${this.labelColumn}${row}`, text: cell.where, style: "label" });
      this.cells.push({
        address: `${this.valueColumn}${row}`,
        formula: readFormula(this.formRef(cell), cell.spec, this.compiled.referenceDate),
        style: "label",
      });
    }
    return `$${this.valueColumn}$${row}`;
  }
}
