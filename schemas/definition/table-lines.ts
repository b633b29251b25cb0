/**
 * The lines of an item or grid table, each read as a person reads it: its
 * printed number (from the 序号 column or the label's start), its label, its
 * unit, and the marks that place it — a 其中 lead-in, an indent (leading spaces,
 * or text only in a deeper 项目 column), a 项目 cell merged down from the line
 * above, a 合计/小计 line, or a chapter heading (一、…) that opens a section.
 */
import { readSerial, splitNumber, type Numbering } from "./table-numbering";
import type { SheetCell, SheetGrid } from "./table-sheet";
import { readUnitCell, splitUnitSuffix, type UnitReading } from "./table-units";

export interface Line {
  row: number;
  no?: Numbering;
  /** The label without its number and unit suffix, verbatim otherwise. */
  label: string;
  /** The unit printed for the line (单位 column or label suffix). */
  unit?: UnitReading;
  /** Printed to the right of the lines above: part of the line above it. */
  indented: boolean;
  /** start: "其中：…"; marker: a bare "其中：" line; continue: beside a 其中 cell merged down. */
  qizhong?: "start" | "marker" | "continue";
  /** Its 项目 cell is merged down from the line above (both lines share that text). */
  carried: boolean;
  total?: "total" | "subtotal";
  /** A chapter heading (一、资金筹集): no unit, and the lines under it are numbered otherwise. */
  heading: boolean;
}

export interface LineColumns {
  serial?: number;
  labels: number[];
  unit?: number;
}

const fold = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");
const LEADING_SPACE = /^[\s\u3000\u00a0]/;
/** The blanks of a notice's fill-in line ("共筹集资金_____（万元）；") are not part of the label. */
const BLANKS = /[_＿]{2,}\s*(?=[（(]|$)|[_＿]+$|[;；,，。]$/g;

interface Composed {
  text: string;
  raw: string;
  indented: boolean;
  carried: boolean;
  qizhong?: "continue" | "start";
}

/** The 项目 text of a row whose 项目 may span several columns and rows. */
function composeLabel(grid: SheetGrid, row: number, cols: number[]): Composed | undefined {
  const segments: { cell: SheetCell; depth: number; carried: boolean }[] = [];
  let previous: SheetCell["merge"];
  cols.forEach((c, depth) => {
    const cell = grid.cell(row, c);
    if (cell.merge && cell.merge === previous) return;
    previous = cell.merge;
    segments.push({ cell, depth, carried: grid.isCarried(row, c) });
  });
  const filled = segments.filter((s) => s.cell.text !== "");
  const [head, ...rest] = filled;
  if (!head) return undefined;
  if (rest.length === 0) {
    const indented = head.depth > 0 || (!head.carried && LEADING_SPACE.test(head.cell.raw));
    return { text: head.cell.text, raw: head.cell.raw, indented, carried: head.carried };
  }
  const tail = rest.map((s) => s.cell.text).join("·");
  if (/^其中[:：]?$/.test(fold(head.cell.text))) {
    return head.carried
      ? { text: tail, raw: tail, indented: true, carried: false, qizhong: "continue" }
      : { text: `其中：${tail}`, raw: tail, indented: false, carried: false, qizhong: "start" };
  }
  // 项目 merged down over its lines, each line naming its own part beside it.
  return { text: `${head.cell.text}·${tail}`, raw: head.cell.raw, indented: head.depth > 0, carried: head.carried };
}

function totalOf(label: string): Line["total"] {
  const t = fold(label);
  if (/^(合计|总计|共计|总合计|全市合计)$/.test(t)) return "total";
  if (/^小计$/.test(t)) return "subtotal";
  return undefined;
}

/** One line of the table, or undefined for a row without a label (a blank line left to fill). */
export function readLine(grid: SheetGrid, row: number, cols: LineColumns): Line | undefined {
  const serialCell = cols.serial === undefined ? undefined : grid.cell(row, cols.serial);
  // 合计 typed in the 序号 column (or merged over 序号 and 项目) heads its line all the same.
  const composed =
    composeLabel(grid, row, cols.labels) ??
    (serialCell && totalOf(serialCell.text) && !serialCell.copy
      ? { text: serialCell.text, raw: serialCell.raw, indented: false, carried: false }
      : undefined);
  if (!composed) return undefined;
  let no = serialCell && !serialCell.copy ? readSerial(serialCell.text) : undefined;
  // A 序号 merged down over two lines: both lines share the number, printed once.
  const sharedNo = serialCell?.copy === true && serialCell.text !== "" ? readSerial(serialCell.text) : undefined;

  let text = composed.text.replace(BLANKS, "").trim();
  const split = splitNumber(text);
  if (split.no) {
    // "4" in 序号 and "（1）…" in 项目 print as 4(1), the first blank of item 4.
    if (no && no.level === "top" && split.no.level === "sub") {
      no = { ...no, printed: `${no.printed}${split.no.printed}` };
    } else if (!no) no = split.no;
    text = split.rest;
  }
  let qizhong: Line["qizhong"] = composed.qizhong;
  const lead = /^其中\s*[:：]?\s*/.exec(text);
  if (lead && !qizhong) {
    const after = text.slice(lead[0].length);
    const inner = splitNumber(after);
    if (inner.no && !no) no = inner.no;
    text = after === "" ? "其中：" : `其中：${inner.rest}`;
    qizhong = after === "" ? "marker" : "start";
  }
  const suffix = splitUnitSuffix(text);
  text = suffix.label;
  const unitCell = cols.unit === undefined ? "" : grid.cell(row, cols.unit).text;
  const unit = readUnitCell(unitCell) ?? suffix.unit;
  const total = totalOf(text);
  if (text === "" || /^[0-9０-９.．,，\s]+$/.test(text)) return undefined;
  return {
    row,
    ...(no ? { no } : sharedNo ? { no: sharedNo } : {}),
    label: text,
    ...(unit ? { unit } : {}),
    indented: composed.indented && qizhong !== "start",
    ...(qizhong ? { qizhong } : {}),
    carried: composed.carried || sharedNo !== undefined,
    ...(total ? { total } : {}),
    heading: false,
  };
}

/**
 * The lines of rows `from`..`to` (spacers skipped), with chapter headings
 * marked: a line numbered 一、 with no unit whose next line is numbered
 * otherwise, or a lone text merged across the whole table.
 */
export function readLines(grid: SheetGrid, from: number, to: number, cols: LineColumns, width: number): Line[] {
  const lines: Line[] = [];
  for (let r = from; r < to; r++) {
    if (grid.isBlank(r)) continue;
    const line = readLine(grid, r, cols);
    if (line) lines.push(line);
  }
  lines.forEach((line, i) => {
    if (line.unit || line.total || line.qizhong) return;
    const next = lines[i + 1];
    const pieces = grid.pieces(line.row);
    const spansTable = pieces.length === 1 && (pieces[0]?.cell.merge?.right ?? 0) + 1 >= width;
    const chapter = line.no?.chinese === true && line.no.level === "top" && next !== undefined && !next.no?.chinese;
    if (chapter || (spansTable && !line.no)) line.heading = true;
  });
  return lines;
}
