import { chinaToday } from "../../../../schemas/time";
import type { TemplateInput } from "../../../../schemas/template";

/**
 * 从空白开始: a form with one item and the fields an officer must fill marked as
 * such, this year's (China time) period and year end as the due date to change.
 * It passes the publish checks, so the sheets open without an error to chase.
 */
export function blankForm(now: Date): TemplateInput {
  const year = chinaToday(now).slice(0, 4);
  return {
    id: "new-form",
    version: 1,
    title: "（请填写表名）",
    issuer: "（请填写发文单位）",
    docNo: "（请填写文号）",
    period: year,
    dueDate: `${year}-12-31`,
    sections: [
      {
        kind: "items",
        key: "main",
        items: [{ key: "item1", no: "1", label: "（请填写项目名称）", unit: "人", type: "integer" }],
      },
    ],
  };
}
