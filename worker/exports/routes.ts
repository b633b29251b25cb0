import { maskFields, piiOf } from "../pii/report-crypto";
import { seesInFull } from "../pii/who-sees";
import { createRoute, z } from "@hono/zod-openapi";
import { ConsolidatedQuery } from "../../schemas/api/consolidation";
import { RoundId, UnitCode } from "../../schemas/api/common";
import { validate } from "../../schemas/validate";
import { consolidatedFor } from "../consolidation/service";
import { reportTemplate, visibleReport } from "../reports/access";
import { errorResponses, newRouter, security } from "../router";
import { consolidationSheets } from "./officer-sheets";
import { reportSheets } from "./report-sheet";
import { exportResponse, type ExportFormat } from "./respond";
import { XLSX_TYPE } from "../xlsx/write";
import { previousOf } from "../reports/previous";

/**
 * A report or a consolidation as a CSV or XLSX file laid out as the add-in
 * draws it (schemas/layout/), with the same access as the JSON it is drawn from.
 */
export const exportRoutes = newRouter();

const RoundParam = z.object({ id: RoundId });
const ReportParams = z.object({ id: RoundId, unit: UnitCode });

const FILES: Record<ExportFormat, { description: string; content: Record<string, { schema: z.ZodType }> }> = {
  csv: {
    description: "CSV, UTF-8 with BOM, CRLF; text that could start a formula is prefixed with '",
    content: { "text/csv": { schema: z.string() } },
  },
  xlsx: {
    description: "XLSX workbook; text is never a formula (inline strings, quotePrefix)",
    content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
  },
};

for (const format of ["csv", "xlsx"] as const) {
  exportRoutes.openapi(
    createRoute({
      method: "get",
      path: `/rounds/{id}/consolidated/export.${format}`,
      tags: ["exports"],
      summary: `The consolidation as ${format.toUpperCase()}, as the officer's sheets: the consolidated form, 分单位明细, 填报情况, 名册汇总, 审核提示`,
      security,
      request: { params: RoundParam, query: ConsolidatedQuery },
      responses: { 200: FILES[format], ...errorResponses(400, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const query = { ...c.req.valid("query"), matrix: "true" as const };
      const { consolidation, units, template } = await consolidatedFor(piiOf(c.env), c.var.caller, id, query);
      return exportResponse(format, consolidationSheets(template, consolidation, units), {
        display: `${template.title}-${consolidation.unit.name}汇总`,
        fallback: `${id}-${consolidation.unit.code}-consolidated`,
      });
    },
  );

  exportRoutes.openapi(
    createRoute({
      method: "get",
      path: `/rounds/{id}/reports/{unit}/export.${format}`,
      tags: ["exports"],
      summary: `A report as ${format.toUpperCase()} in the form's layout (whoever may see the report)`,
      security,
      request: { params: ReportParams },
      responses: { 200: FILES[format], ...errorResponses(400, 404) },
    }),
    async (c) => {
      const { id, unit } = c.req.valid("param");
      const opened = await visibleReport(piiOf(c.env), c.var.caller, id, unit);
      const template = await reportTemplate(c.env.DB, opened);
      // The owning unit's filler exports its own form in full (it checks it against paper); others get masks.
      const s = seesInFull(c.var.caller, unit) ? opened : { ...opened, values: maskFields(template, opened.values) };
      const problems =
        Object.keys(s.notes).length > 0
          ? validate(template, s.values, await previousOf(c.env.DB, s.row, template))
          : [];
      const sheets = reportSheets({
        template,
        unit: { code: s.row.unit, name: s.row.unit_name },
        status: s.row.status,
        values: s.values,
        explanations: s.notes,
        problems,
      });
      return exportResponse(format, sheets, {
        display: `${template.title}-${s.row.unit_name}`,
        fallback: `${id}-${unit}`,
      });
    },
  );
}
