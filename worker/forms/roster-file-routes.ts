import { createRoute, z } from "@hono/zod-openapi";
import { ApiError as ApiErrorSchema, RoundId, UnitCode } from "../../schemas/api/common";
import { RosterImportQuery, RosterImportResponse } from "../../schemas/api/roster-file";
import { Key } from "../../schemas/template";
import { piiOf } from "../pii/report-crypto";
import { etag } from "../reports/access";
import { errorResponses, json, newRouter, security } from "../router";
import { importRoster } from "./roster-file/import-roster";
import { READ_LIMITS } from "../xlsx/limits";
import { uploadedFile } from "./import/body";
import { readBook } from "./import/book";

export const rosterFileRoutes = newRouter();

const Params = z.object({ id: RoundId, unit: UnitCode, roster: Key });

rosterFileRoutes.openapi(
  createRoute({
    method: "post",
    path: "/rounds/{id}/reports/{unit}/rosters/{roster}/import",
    tags: ["reports"],
    summary: "Import a roster (名册) from any xlsx or csv whose header row names its columns",
    description:
      "Body: the file's bytes (xlsx or csv, any Content-Type), or multipart/form-data with the field `file`. " +
      "The header is the first of the top 20 rows that names every required column (labels or keys, compared " +
      "after folding width, spaces and case); other columns are ignored. mode=replace (default) makes the roster " +
      "the file's rows, mode=append adds them after the last one; saved as one patch from the current version " +
      "(who may: as PATCH). Nothing is written when the header is not found or any cell is unreadable (422).",
    security,
    request: { params: Params, query: RosterImportQuery },
    responses: {
      200: json(RosterImportResponse, "Imported; ETag = the report's new version"),
      ...errorResponses(400, 403, 404, 409, 413, 422),
      415: json(ApiErrorSchema, "Not a readable xlsx or csv (an .xls, a password, an unknown text encoding)"),
    },
  }),
  async (c) => {
    const { id, unit, roster } = c.req.valid("param");
    const { mode, sheet } = c.req.valid("query");
    const result = await importRoster(piiOf(c.env), c.var.caller, {
      round: id,
      unit,
      roster,
      mode,
      sheet,
      workbook: async () =>
        readBook(await uploadedFile(c.req.raw, READ_LIMITS.maxCompressedBytes, "any"), { csv: true }),
      indexKey: c.env.PII_INDEX_KEY,
    });
    return c.json(result, 200, { ETag: etag(result.report.version) });
  },
);
