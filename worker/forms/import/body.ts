/**
 * The uploaded file from a request body: the xlsx bytes themselves
 * (`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet` or
 * `application/octet-stream`), or a `multipart/form-data` form with a `file`
 * field, what a plain HTML form posts (the /fill.html page without script).
 *
 * A body over the cap is refused before it is read: by its Content-Length when
 * it has one, and while it streams in when it does not (chunked), so a client
 * cannot make the Worker hold more than the cap in memory.
 */
import { ApiError } from "../../errors";
import { XLSX_TYPE } from "../../xlsx/write";

const RAW_TYPES = new Set([XLSX_TYPE, "application/octet-stream"]);

/** `rawTypes: "any"`: a route that tells files apart by their bytes (a roster's xlsx or csv, worker/forms/roster-file/). */
export async function uploadedFile(
  req: Request,
  maxBytes: number,
  rawTypes: ReadonlySet<string> | "any" = RAW_TYPES,
): Promise<Uint8Array> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const multipart = type === "multipart/form-data";
  if (!multipart && rawTypes !== "any" && !rawTypes.has(type)) {
    throw new ApiError(
      "unsupported_media_type",
      "请上传 Excel 工作簿（.xlsx）：请求内容应为 xlsx 文件本身，或表单中名为 file 的文件",
      { contentType: type },
    );
  }
  const length = req.headers.get("content-length");
  if (length !== null && Number(length) > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readCapped(req.body, maxBytes);
  if (!multipart) return nonEmpty(bytes);
  // The form is parsed from the bytes already held, so the cap holds for it too.
  const form = await new Response(bytes, { headers: { "content-type": req.headers.get("content-type") ?? "" } })
    .formData()
    .catch(() => {
      throw new ApiError("invalid_request", "上传的表单无法解析，请重新选择文件后上传");
    });
  // Typed `string | null` by the Workers types, a File at run time when a file was sent.
  const file: unknown = form.get("file");
  if (!(file instanceof Blob)) {
    throw new ApiError("invalid_request", "表单中没有名为 file 的文件，请选择填报表文件后上传");
  }
  return nonEmpty(new Uint8Array(await file.arrayBuffer()));
}

async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function nonEmpty(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === 0) throw new ApiError("invalid_request", "没有收到文件内容，请选择填报表文件后上传");
  return bytes;
}

function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    "payload_too_large",
    `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB，无法上传：请删除多余的工作表、图片或空行后再上传`,
    { maxBytes },
  );
}
