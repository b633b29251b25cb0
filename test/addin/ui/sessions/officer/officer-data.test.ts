/** What the officer's pane asks the Worker for: a roster form's rows come with its consolidation. */
import { describe, expect, it } from "vitest";
import type { ConsolidatedQuery } from "../../../../../schemas/api/consolidation";
import { fetchOfficerView } from "../../../../../addin/ui/sessions/officer/officer-data";
import { huangshanRoster, shanghaiJqzx } from "../../../../schemas/fixtures/templates";
import { huangshanRosterAnswer } from "../../../../schemas/layout/officer/fixtures";

async function asked(template = huangshanRoster()) {
  const queries: (ConsolidatedQuery | undefined)[] = [];
  const got = await fetchOfficerView(
    {
      consolidated: async (_round, query) => (
        queries.push(query),
        { ok: true, status: 200, etag: null, data: huangshanRosterAnswer() }
      ),
      roundReports: async () => ({ ok: true, status: 200, etag: null, data: { reports: [] } }),
    },
    "hs-2022-roster",
    template,
    "hs",
    new Map(),
  );
  return { queries, got };
}

describe("fetchOfficerView", () => {
  it("asks for the roster rows of a roster form, and draws them with their unit", async () => {
    const { queries, got } = await asked();
    expect(queries).toEqual([{ unit: "hs", include: "submitted,approved,rows" }]);
    expect("view" in got && got.view.rosters[0]?.rows.at(-1)?.unitName).toBe("屯溪区总工会");
  });

  it("asks for no rows where the form has no roster", async () => {
    expect((await asked(shanghaiJqzx())).queries).toEqual([{ unit: "hs" }]);
  });
});
