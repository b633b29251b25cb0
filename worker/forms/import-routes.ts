import { createRoute, z } from "@hono/zod-openapi";
import { ImportResponse } from "../../schemas/api/forms";
import { RoundId, UnitCode } from "../../schemas/api/common";
import { piiOf } from "../pii/report-crypto";
import { errorResponses, json, newRouter, security } from "../router";
import { READ_LIMITS } from "../xlsx/limits";
import { XLSX_TYPE } from "../xlsx/write";
import { uploadedFile } from "./import/body";
import { readBook } from "./import/book";
import { importForm } from "./import/service";

/** Uploading a filled form workbook (issue 13): docs/api.md, "Uploading a filled form: import". */
export const importRoutes = newRouter();

/** The reader's own cap on a file: the body is refused over it before it is all read. */
export const MAX_FILE_BYTES = READ_LIMITS.maxCompressedBytes;

importRoutes.openapi(
  createRoute({
    method: "post",
    path: "/rounds/{id}/reports/{unit}/import",
    tags: ["reports"],
    summary: "Upload a filled form workbook (form.xlsx): checked, merged from its version and saved",
    description:
      "Body: the xlsx bytes, or multipart/form-data with the file in `file`. Nothing is stored unless the file is " +
      "this unit's form of this round, its layout is intact and every value reads; then it is saved as a cell patch " +
      "from the version it was downloaded at (others' changes merge; a cell both changed is 409 `conflict`).",
    security,
    request: {
      params: z.object({ id: RoundId, unit: UnitCode }),
      // The multipart form (field `file`) is read by uploadedFile, not declared here: the
      // OpenAPI layer would parse and validate it as a form before the size cap applies.
      body: {
        required: true,
        content: {
          [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) },
          "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) },
        },
      },
    },
    responses: {
      200: json(ImportResponse, "Saved (or nothing to change); problems by Excel address"),
      ...errorResponses(400, 403, 404, 409, 412, 413, 422),
    },
  }),
  async (c) => {
    const { id, unit } = c.req.valid("param");
    const answer = await importForm(piiOf(c.env), c.var.caller, {
      round: id,
      unit,
      book: async () => readBook(await uploadedFile(c.req.raw, MAX_FILE_BYTES), { csv: false }),
      indexKey: c.env.PII_INDEX_KEY,
    });
    return c.json(answer, 200);
  },
);
