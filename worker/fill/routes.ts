/**
 * POST /fill/upload — /fill.html's upload when its script does not run: the
 * page is a plain `<form method="post" enctype="multipart/form-data">` with
 * token, round, unit and file. This route turns that post into the API's own
 * `POST /api/v1/rounds/{round}/reports/{unit}/import` (same Worker, no network:
 * the same auth, limits, checks and answers) and the JSON answer into a small
 * zh-CN page with the same problems list (page.ts). Outside /api/v1: it
 * answers HTML, and the token comes in the form, not in a header.
 */
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { PlacedProblem } from "../../schemas/layout/form/file-words";
import type { AppEnv } from "../env";
import { READ_LIMITS } from "../xlsx/limits";
import { formTarget } from "./form-target";
import { checkedPage, refusedPage, type RefusedFile } from "./page";

/** Hands a request to the app itself (worker/app.ts): the API route answers as it would over the network. */
export type Dispatch = (req: Request, c: Context<AppEnv>) => Promise<Response>;

/** The file plus the form's few text fields. */
const MAX_POST_BYTES = READ_LIMITS.maxCompressedBytes + 64 * 1024;

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A page, not an API answer: no script at all, styles from this origin, never framed or cached. */
const HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
};

const field = (form: FormData, name: string): string => {
  const v: unknown = form.get(name);
  return typeof v === "string" ? v.trim() : "";
};

function refused(code: string, status: number, message: string, details?: unknown): Response {
  const r: RefusedFile = { code, status, message, details };
  return new Response(refusedPage(r), { status, headers: HEADERS });
}

export function fillRoutes(dispatch: Dispatch): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.post(
    "/fill/upload",
    bodyLimit({
      maxSize: MAX_POST_BYTES,
      onError: () =>
        refused("payload_too_large", 413, `文件超过 ${READ_LIMITS.maxCompressedBytes / 1024 / 1024} MB，无法上传`),
    }),
    async (c) => {
      const form = await c.req.formData().catch(() => null);
      if (!form) return refused("invalid_request", 400, "上传的表单无法解析，请返回后重新选择文件");
      const token = field(form, "token");
      const file: unknown = form.get("file");
      if (!token) return refused("unauthorized", 401, "请填写访问令牌");
      if (!(file instanceof Blob) || file.size === 0)
        return refused("invalid_request", 400, "请选择填好的文件（.xlsx）");
      const bytes = new Uint8Array(await file.arrayBuffer());
      const named = await formTarget(bytes);
      const round = field(form, "round") || named?.round;
      const unit = field(form, "unit") || named?.unit;
      if (!round || !unit) {
        return refused("not_a_form", 422, "无法确定这是哪个单位、哪次填报的文件：文件中没有汇表的表单标识");
      }
      const seg = encodeURIComponent;
      const api = new URL(`/api/v1/rounds/${seg(round)}/reports/${seg(unit)}/import`, c.req.url);
      const res = await dispatch(
        new Request(api, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": XLSX_TYPE, Accept: "application/json" },
          body: bytes,
        }),
        c,
      );
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) {
        const error = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
        return refused(
          error?.code ?? `http_${res.status}`,
          res.status,
          error?.message ?? "服务器暂时无法处理",
          error?.details,
        );
      }
      const answer = body as {
        changed: number;
        merged: number;
        problems: { errors: PlacedProblem[]; warnings: PlacedProblem[] };
      };
      const title = await roundTitle(dispatch, c, round, token);
      return c.body(
        checkedPage({
          unitName: named?.unitName ?? unit,
          title: title ?? round,
          changed: answer.changed,
          merged: answer.merged,
          errors: answer.problems.errors,
          warnings: answer.problems.warnings,
        }),
        200,
        HEADERS,
      );
    },
  );
  return routes;
}

/** The round's title for the page's heading; null when it cannot be had (the page then names the id). */
async function roundTitle(
  dispatch: Dispatch,
  c: Context<AppEnv>,
  round: string,
  token: string,
): Promise<string | null> {
  const res = await dispatch(
    new Request(new URL(`/api/v1/rounds/${encodeURIComponent(round)}`, c.req.url), {
      headers: { Authorization: `Bearer ${token}`, Accept: "application/json" },
    }),
    c,
  );
  if (!res.ok) return null;
  const body: unknown = await res.json().catch(() => null);
  const title = (body as { title?: unknown } | null)?.title;
  return typeof title === "string" ? title : null;
}
