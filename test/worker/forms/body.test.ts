import { describe, expect, it } from "vitest";
import { ApiError } from "../../../worker/errors";
import { uploadedFile } from "../../../worker/forms/import/body";
import { XLSX_TYPE } from "../../../worker/xlsx/write";

const URL = "http://huibiao.test/api/v1/rounds/r/reports/u/import";
const MAX = 1000;

async function refusal(p: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return { code: err.code, status: err.status };
    throw err;
  }
  throw new Error("not refused");
}

/** A body that counts what was pulled from it: `chunks` chunks of `size` bytes, or endless. */
function counted(size: number, chunks = Infinity) {
  const seen = { pulls: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulls >= chunks) return controller.close();
      seen.pulls++;
      controller.enqueue(new Uint8Array(size).fill(7));
    },
  });
  return { stream, seen };
}

describe("the uploaded file of a request", () => {
  it("takes the xlsx bytes as the body, or the file field of a form", async () => {
    const bytes = new Uint8Array([80, 75, 3, 4, 1, 2, 3]);
    const raw = new Request(URL, { method: "POST", body: bytes, headers: { "content-type": XLSX_TYPE } });
    expect(await uploadedFile(raw, MAX)).toEqual(bytes);
    const form = new FormData();
    form.set("file", new File([bytes], "屯溪区总工会-金秋助学.xlsx", { type: XLSX_TYPE }));
    expect(await uploadedFile(new Request(URL, { method: "POST", body: form }), MAX)).toEqual(bytes);
  });

  it("refuses a body whose Content-Length is over the cap before reading any of it", async () => {
    const { stream, seen } = counted(100);
    const req = new Request(URL, {
      method: "POST",
      body: stream,
      headers: { "content-type": "application/octet-stream", "content-length": String(MAX + 1) },
    });
    expect(await refusal(uploadedFile(req, MAX))).toEqual({ code: "payload_too_large", status: 413 });
    expect(seen.pulls).toBeLessThanOrEqual(1); // a stream pulls its first chunk when it starts, not more
  });

  it("stops reading a body without Content-Length once it passes the cap", async () => {
    const { stream, seen } = counted(100);
    const req = new Request(URL, { method: "POST", body: stream, headers: { "content-type": XLSX_TYPE } });
    expect(await refusal(uploadedFile(req, MAX))).toEqual({ code: "payload_too_large", status: 413 });
    expect(seen.pulls).toBeLessThanOrEqual(MAX / 100 + 2);
  });

  it("refuses other content types, an empty body and a form without a file", async () => {
    const json = new Request(URL, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(await refusal(uploadedFile(json, MAX))).toEqual({ code: "unsupported_media_type", status: 415 });
    const empty = new Request(URL, { method: "POST", headers: { "content-type": XLSX_TYPE } });
    expect(await refusal(uploadedFile(empty, MAX))).toEqual({ code: "invalid_request", status: 400 });
    const form = new FormData();
    form.set("name", "x");
    expect(await refusal(uploadedFile(new Request(URL, { method: "POST", body: form }), MAX))).toEqual({
      code: "invalid_request",
      status: 400,
    });
  });
});
