/**
 * The uploaded file of an import: the raw body (Content-Type of the file, or
 * application/octet-stream) or the field `file` of a multipart/form-data post
 * (a plain HTML form on /fill.html).
 */
import type { HonoRequest } from "hono";
import { ApiError } from "../../errors";

export interface UploadedFile {
  bytes: Uint8Array;
  /** The file's name, when a form sent one. */
  name: string | null;
}

export async function uploadedFile(req: HonoRequest): Promise<UploadedFile> {
  const type = (req.header("content-type") ?? "").toLowerCase();
  let file: UploadedFile;
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await req.raw.formData();
    } catch {
      throw new ApiError("invalid_request", "无法读取上传的表单，请重新选择文件后上传");
    }
    // Typed as text by the Workers types; a file field is a File (a Blob with a name).
    const field: unknown = form.get("file");
    if (!(field instanceof Blob)) throw new ApiError("invalid_request", "请在表单字段 file 中选择要上传的文件");
    const name = "name" in field && typeof field.name === "string" && field.name !== "" ? field.name : null;
    file = { bytes: new Uint8Array(await field.arrayBuffer()), name };
  } else {
    file = { bytes: new Uint8Array(await req.arrayBuffer()), name: null };
  }
  if (file.bytes.length === 0) throw new ApiError("invalid_request", "没有收到文件内容，请选择文件后重新上传");
  return file;
}
