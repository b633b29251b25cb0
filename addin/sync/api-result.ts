/**
 * What every API call answers: a value, never an exception, so the task pane
 * can branch on it instead of catching. A network failure is a distinct
 * `offline` failure because the caller queues and retries it, whereas an HTTP
 * error is the server's verdict and carries its zh-CN message.
 */
import { isApiError } from "./api-guards";
import { Mismatch, type Guard } from "./guards";

export interface ApiOk<T> {
  ok: true;
  status: number;
  data: T;
  /** The ETag header, when the server sent one (reports: `"<version>"`). */
  etag: string | null;
}

export interface ApiHttpFailure {
  ok: false;
  offline: false;
  status: number;
  /** The server's stable snake_case code; `bad_response`/`http_<status>` when the answer was not ours. */
  code: string;
  /** zh-CN, shown to the clerk as is. */
  message: string;
  details: unknown;
}

export interface ApiOffline {
  ok: false;
  offline: true;
  message: string;
}

export type ApiFailure = ApiHttpFailure | ApiOffline;
export type ApiResult<T> = ApiOk<T> | ApiFailure;

export const OFFLINE_MESSAGE = "无法连接服务器，请检查网络；修改已保存在本机，联网后会自动同步";

export function offline(): ApiOffline {
  return { ok: false, offline: true, message: OFFLINE_MESSAGE };
}

/** Gateways and proxies answer with HTML; the clerk still gets a sentence. */
function fallbackMessage(status: number): string {
  if (status >= 500) return "服务器暂时无法处理，请稍后重试";
  if (status === 401) return "请先登录（缺少有效的访问令牌）";
  if (status === 403) return "无权执行此操作";
  if (status === 404) return "请求的内容不存在";
  return `请求失败（HTTP ${status}）`;
}

/** Turns a received answer into a result; a 2xx body that does not fit `fits` is a failure too. */
export function decodeAnswer<T>(status: number, text: string, etag: string | null, fits: Guard<T>): ApiResult<T> {
  let body: unknown = undefined;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: handled below like any other unexpected body.
  }
  if (status >= 200 && status < 300) {
    const miss = new Mismatch();
    if (fits(body, miss)) return { ok: true, status, data: body, etag };
    return {
      ok: false,
      offline: false,
      status,
      code: "bad_response",
      message: "服务器返回的数据格式不正确，请刷新后重试",
      details: [{ path: miss.where, message: miss.message }],
    };
  }
  if (isApiError(body)) {
    const { code, message, details } = body.error;
    return { ok: false, offline: false, status, code, message, details };
  }
  return {
    ok: false,
    offline: false,
    status,
    code: `http_${status}`,
    message: fallbackMessage(status),
    details: undefined,
  };
}

/** The version an ETag names (`"3"` or `W/"3"`), or null. */
export function versionOfEtag(etag: string | null): number | null {
  const m = etag === null ? null : /^\s*(?:W\/)?"(\d{1,10})"\s*$/.exec(etag);
  return m?.[1] === undefined ? null : Number(m[1]);
}

/**
 * What a failure means for a caller that retries: wait for the network, sign in
 * again, try again later by itself (server trouble), or stop until a person acts.
 */
export function failureKind(res: ApiFailure): "offline" | "signed-out" | "transient" | "final" {
  if (res.offline) return "offline";
  if (res.status === 401) return "signed-out";
  if (res.status >= 500 || res.status === 429) return "transient";
  // The Worker's write budget ran out while others kept writing, or an answer we could not read: both pass.
  if (res.code === "write_contention" || res.code === "bad_response") return "transient";
  return "final";
}
