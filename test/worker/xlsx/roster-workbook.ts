import { checkTemplate } from "../../../schemas/check";
import { HS_2022_ROSTER } from "../../../schemas/forms";
import { reportSheets } from "../../../worker/exports/report-sheet";
import type { Sheet } from "../../../worker/xlsx/sheet";
import { HS_2022_ROSTER_VALUES, withIdCheck, withLuhn } from "../../schemas/fixtures/filled";

/**
 * The 黄山 助学名册 (schemas/forms/hs-2022-roster.ts) with `rows` filled rows,
 * as the Worker exports it: the size of a real county's roster (2,000 rows is
 * the benchmarks' case). Each row is the fixture's first recipient with its
 * own name, 身份证号 and 银行卡号.
 */
export function rosterSheets(rows: number): Sheet[] {
  const checked = checkTemplate(HS_2022_ROSTER);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(HS_2022_ROSTER_VALUES)) if (!key.startsWith("roster.")) values[key] = value;
  const first = Object.entries(HS_2022_ROSTER_VALUES).filter(([key]) => key.startsWith("roster.r1."));
  for (let n = 1; n <= rows; n++) {
    for (const [key, value] of first) {
      const col = key.slice("roster.r1.".length);
      const own =
        col === "name"
          ? `学生${n}`
          : col === "idno"
            ? withIdCheck(`34102220040312${String(n % 1000).padStart(3, "0")}`)
            : col === "card"
              ? withLuhn(`6214835590${String(n).padStart(5, "0")}`)
              : value;
      values[`roster.r${n}.${col}`] = own;
    }
  }
  return reportSheets({
    template: checked.template,
    unit: { code: "hs-xn", name: "休宁县总工会" },
    status: "draft",
    values,
    explanations: {},
    problems: [],
  });
}
