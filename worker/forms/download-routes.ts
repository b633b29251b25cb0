import { createRoute, z } from "@hono/zod-openapi";
import { RoundId, UnitCode } from "../../schemas/api/common";
import { fileResponse } from "../exports/respond";
import { piiOf } from "../pii/report-crypto";
import { reportTemplate, visibleReport } from "../reports/access";
import { errorResponses, newRouter, security } from "../router";
import { XLSX_TYPE } from "../xlsx/write";
import { roundForms } from "./round-forms";
import { formFileName, unitForm } from "./unit-forms";

/**
 * Downloads of the form as a workbook (issue 13): one unit's form.xlsx, and 下发,
 * the forms of every unit below a node as one zip. The file checks itself in
 * any spreadsheet (worker/forms/form-workbook.ts) and comes back through the import.
 */
export const formDownloadRoutes = newRouter();

const ReportParams = z.object({ id: RoundId, unit: UnitCode });
const ZIP_TYPE = "application/zip";

formDownloadRoutes.openapi(
  createRoute({
    method: "get",
    path: "/rounds/{id}/reports/{unit}/form.xlsx",
    tags: ["forms"],
    summary:
      "The unit's form as a workbook to fill without the add-in: the report's values, data validation, the rules as conditional formats and 校验结果, a protected sheet, the hidden 汇表标识 identity (whoever sees the report)",
    security,
    request: { params: ReportParams },
    responses: {
      200: {
        description: "form.xlsx; sensitive values in full only for the owning unit's filler",
        content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
      },
      ...errorResponses(400, 404),
    },
  }),
  async (c) => {
    const { id, unit } = c.req.valid("param");
    const opened = await visibleReport(piiOf(c.env), c.var.caller, id, unit);
    const template = await reportTemplate(c.env.DB, opened);
    const bytes = await unitForm(c.var.caller, opened, template);
    return fileResponse(bytes, XLSX_TYPE, formFileName(opened.row.unit_name, template), `${id}-${unit}-form.xlsx`);
  },
);

formDownloadRoutes.openapi(
  createRoute({
    method: "get",
    path: "/rounds/{id}/forms.zip",
    tags: ["forms"],
    summary: "下发: the form.xlsx of every unit of the round below `unit` (itself included when it reports), one zip",
    security,
    request: { params: z.object({ id: RoundId }), query: z.object({ unit: UnitCode }) },
    responses: {
      200: {
        description: "A zip of `<单位名>-<表名>.xlsx` files (UTF-8 names), units in the official order; masked values",
        content: { [ZIP_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
      },
      ...errorResponses(400, 403, 404),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const { unit } = c.req.valid("query");
    const forms = await roundForms(piiOf(c.env), c.var.caller, id, unit);
    return fileResponse(forms.bytes, ZIP_TYPE, forms.name, forms.fallback);
  },
);
