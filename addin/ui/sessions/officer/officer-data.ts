/**
 * What an officer session reads for one refresh: the consolidation of a node
 * and the round's report list (for the versions actions send as If-Match),
 * turned into the `OfficerView` the plan is drawn from. Pure apart from the
 * two API calls it is given.
 */
import type { Consolidation } from "../../../../schemas/api/consolidation";
import type { ReportList } from "../../../../schemas/api/reports";
import type { Template } from "../../../../schemas/template";
import {
  consolidationQuery,
  officerViewOf,
  placeNotes,
  type OfficerView,
} from "../../../../schemas/layout/officer/view";
import type { ApiClient } from "../../../sync/api-client";
import type { ApiFailure } from "../../../sync/api-result";

export interface FetchedView {
  view: OfficerView;
  /** unit → report version; null when the report list could not be read (keep the old ones). */
  versions: Map<string, number> | null;
}

export function isFailure<T extends object>(x: T | ApiFailure): x is ApiFailure {
  return "ok" in x && x.ok === false;
}

export async function fetchOfficerView(
  api: Pick<ApiClient, "consolidated" | "roundReports">,
  round: string,
  template: Template,
  node: string,
  order: ReadonlyMap<string, number>,
): Promise<FetchedView | ApiFailure> {
  // The two answers are read in parallel, so a submit may fall between them. Actions
  // send the list's version as If-Match, so it must match the statuses shown: read
  // again (twice at most) until the list and the consolidation agree on every status.
  const query = consolidationQuery(template, node);
  let [c, r] = await Promise.all([api.consolidated(round, query), api.roundReports(round)]);
  for (let attempt = 0; attempt < 2 && c.ok && r.ok && !agree(c.data, r.data); attempt++) {
    [c, r] = await Promise.all([api.consolidated(round, query), api.roundReports(round)]);
  }
  if (!c.ok) return c;
  const view = officerViewOf(c.data, template);
  const rank = (code: string) => order.get(code) ?? Number.MAX_SAFE_INTEGER;
  view.units.sort((a, b) => rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
  view.notes = placeNotes(template, view);
  return { view, versions: r.ok ? new Map(r.data.reports.map((x) => [x.unit, x.version])) : null };
}

/** Whether every unit of the consolidation has the status the report list gives it. */
function agree(c: Consolidation, list: ReportList): boolean {
  const status = new Map(list.reports.map((x) => [x.unit, x.status]));
  const units = [...(c.matrix?.units ?? []), ...c.completeness.missing, ...c.completeness.lateUnits];
  return units.every((u) => !status.has(u.code) || status.get(u.code) === u.status);
}
