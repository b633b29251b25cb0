/**
 * The template a round is filled in: from this device when it was opened before
 * (published versions never change, so the cache never goes stale), otherwise
 * from the server, then kept for opening the form offline. Shared by the filler
 * and the officer, who word a failure differently.
 */
import type { Round } from "../../../schemas/api/rounds";
import type { Template } from "../../../schemas/template";
import type { ApiClient } from "../../sync/api-client";
import type { ApiFailure } from "../../sync/api-result";
import type { PaneStore } from "./pane-store";

export async function roundTemplate(
  api: ApiClient,
  pane: PaneStore,
  round: Round,
): Promise<{ ok: true; template: Template } | ApiFailure> {
  const cached = pane.template(round.templateId, round.templateVersion);
  if (cached) return { ok: true, template: cached };
  const res = await api.template(round.templateId, round.templateVersion);
  if (!res.ok) return res;
  // Checked and completed with defaults by the server when it was published.
  const template = res.data.definition as unknown as Template;
  pane.saveTemplate(template);
  return { ok: true, template };
}
