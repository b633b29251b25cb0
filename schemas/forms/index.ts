import type { TemplateInput } from "../template";
import { HS_2022_ACTIVITY } from "./hs-2022-activity";
import { HS_2022_NEED } from "./hs-2022-need";
import { HS_2022_ROSTER } from "./hs-2022-roster";
import { SH_2014_JQZX } from "./sh-2014-jqzx";
import { SH_2014_YGJY } from "./sh-2014-ygjy";

export { HS_2022_ACTIVITY, HS_2022_NEED, HS_2022_ROSTER, SH_2014_JQZX, SH_2014_YGJY };
export { HS_STAGES, HS_STAGE_COLUMNS, HS_PROVINCIAL_CAP_YUAN } from "./hs-2022-need";
export { HS_FUND_SOURCES, HS_STAGE_AGES } from "./hs-2022-roster";

/** The five official forms of the two seed notices, in notice order. */
export const OFFICIAL_TEMPLATES: TemplateInput[] = [
  SH_2014_JQZX,
  SH_2014_YGJY,
  HS_2022_NEED,
  HS_2022_ACTIVITY,
  HS_2022_ROSTER,
];
