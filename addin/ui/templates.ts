/**
 * Where the pane gets its templates. Until the Worker serves
 * `GET /api/v1/templates`, the build publishes the official templates as
 * `templates.json` beside the pane (validated and with defaults applied at
 * build time), so the pane loads them the same way it will load the API's.
 */
import type { Template } from "../../schemas/template";

export async function fetchTemplates(url: string): Promise<Template[]> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`无法载入报表列表（HTTP ${res.status}），请检查网络后重试`);
  const body: unknown = await res.json();
  const list = Array.isArray(body) ? body : (body as { templates?: unknown }).templates;
  if (!Array.isArray(list)) throw new Error("报表列表格式不正确，请联系管理员");
  return list as Template[];
}
