import { MEASURE_UNITS, type ColumnType, type Severity } from "../template";

/**
 * The definition workbook as plain data: what an officer reads and edits in
 * Excel to define a form (docs/definition-workbook.md). The Worker writes and
 * reads it as xlsx (worker/definition), the task pane as sheets of the open
 * workbook; both go through these names and headings, once.
 */

export type DefinitionCell = string | number | boolean | null;

export interface DefinitionSheet {
  name: string;
  /** Row 0 holds the headings; blank cells are null. */
  rows: DefinitionCell[][];
}

export interface DefinitionBook {
  sheets: DefinitionSheet[];
}

/** One sheet per concern, in the order they are written. */
export const SHEETS = {
  form: "表单",
  sections: "分节",
  items: "项目",
  grids: "表格",
  columns: "名册列",
  lists: "选项",
  rules: "规则",
  breakdowns: "其中",
  previous: "上年对照",
} as const;
export type SheetKey = keyof typeof SHEETS;

/**
 * Each sheet's headings, in the order written. The reader finds columns by
 * heading, so an officer may reorder them or add their own; `field` is the
 * template field a heading holds, how a publish issue finds its cell.
 */
export const HEADINGS = {
  form: ["名称", "内容"],
  sections: ["分节键", "类型", "标题", "合计列", "合计方式", "最多行数"],
  items: [
    "分节",
    "序号",
    "键",
    "项目名称",
    "缩进",
    "单位",
    "类型",
    "小数位",
    "最小值",
    "最大值",
    "必填",
    "所属合计",
    "其中方式",
    "计算公式",
    "说明",
  ],
  grids: ["表格", "行列", "序号", "键", "名称", "缩进", "单位", "类型", "小数位", "最小值", "最大值", "必填", "说明"],
  columns: [
    "名册",
    "键",
    "列名",
    "类型",
    "选项来源",
    "必填",
    "唯一",
    "小数位",
    "单位",
    "最小值",
    "最大值",
    "最长",
    "敏感",
    "说明",
  ],
  lists: ["列表", "选项"],
  rules: ["编号", "名册", "公式", "级别", "提示"],
  breakdowns: ["合计", "其中项", "方式", "提示"],
  previous: ["本版键", "上版取值"],
} as const satisfies Record<SheetKey, readonly string[]>;

/** The 表单 sheet's rows: name → template field. */
export const FORM_FIELDS = [
  ["标识", "id"],
  ["版本", "version"],
  ["标题", "title"],
  ["发文单位", "issuer"],
  ["文号", "docNo"],
  ["附件", "attachment"],
  ["填报期间", "period"],
  ["报送截止", "dueDate"],
  ["参考日期", "referenceDate"],
  ["说明", "description"],
] as const;

/** The headings of the number fields items and grid rows share. */
const NUMBER_HEADINGS = {
  no: "序号",
  key: "键",
  indent: "缩进",
  unit: "单位",
  type: "类型",
  scale: "小数位",
  min: "最小值",
  max: "最大值",
  required: "必填",
  hint: "说明",
};

/** Template field by heading, per sheet: where a publish issue's path points. */
export const FIELD_HEADINGS: Record<string, Record<string, string>> = {
  items: { ...NUMBER_HEADINGS, label: "项目名称", calc: "计算公式" },
  grids: { ...NUMBER_HEADINGS, label: "名称" },
  columns: {
    key: "键",
    label: "列名",
    type: "类型",
    options: "选项来源",
    required: "必填",
    scale: "小数位",
    unit: "单位",
    min: "最小值",
    max: "最大值",
    maxLength: "最长",
    sensitive: "敏感",
    hint: "说明",
  },
  sections: { key: "分节键", kind: "类型", title: "标题", total: "合计列", totalMode: "合计方式", maxRows: "最多行数" },
  rules: { id: "编号", expr: "公式", severity: "级别", message: "提示" },
  breakdowns: { total: "合计", parts: "其中项", mode: "方式", message: "提示" },
  inlineBreakdowns: { total: "所属合计", parts: "所属合计", mode: "其中方式" },
  previous: { key: "本版键", from: "上版取值" },
};

/** The words an officer reads and types for each enumerated value. */
export const SECTION_KINDS = { items: "项目", grid: "表格", roster: "名册" } as const;
export const NUMBER_TYPES = { integer: "整数", decimal: "小数" } as const;
export const COLUMN_TYPE_WORDS: Record<ColumnType, string> = {
  text: "文本",
  enum: "选项",
  date: "日期",
  integer: "整数",
  money: "金额",
  idcard: "身份证号",
  bankcard: "银行卡号",
  phone: "手机",
};
export const SEVERITY_WORDS: Record<Severity, string> = { error: "错误", warning: "警告" };
export const MODE_WORDS = { exhaustive: "全部", partial: "部分" } as const;
export const GRID_PARTS = { row: "行", column: "列" } as const;
/** The 名册列 rows of the form's header fields (填报人, 联系电话 …). */
export const HEADER_ROSTER = "表头";
export const YES = "是";
export const NO = "否";

/**
 * The dropdowns of a definition sheet's columns: what the cell may hold, offered
 * as Excel list validation where the workbook is drawn (xlsx and the pane), so
 * an officer picks 整数 rather than types 整形.
 */
export const CHOICES: Partial<Record<SheetKey, Record<string, readonly string[]>>> = {
  sections: { 类型: Object.values(SECTION_KINDS), 合计方式: Object.values(MODE_WORDS) },
  items: {
    单位: MEASURE_UNITS,
    类型: Object.values(NUMBER_TYPES),
    必填: [YES, NO],
    其中方式: Object.values(MODE_WORDS),
  },
  grids: { 行列: Object.values(GRID_PARTS), 单位: MEASURE_UNITS, 类型: Object.values(NUMBER_TYPES), 必填: [YES, NO] },
  columns: { 类型: Object.values(COLUMN_TYPE_WORDS), 必填: [YES, NO], 单位: MEASURE_UNITS, 敏感: [YES, NO] },
  rules: { 级别: Object.values(SEVERITY_WORDS) },
  breakdowns: { 方式: Object.values(MODE_WORDS) },
};
