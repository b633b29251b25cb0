import { z } from "zod";
import { Instant, IsoDate } from "./common";

export const TemplateSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  period: z.string(),
  dueDate: IsoDate,
  publishedAt: Instant,
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const TemplateList = z.object({ templates: z.array(TemplateSummary) });
export type TemplateList = z.infer<typeof TemplateList>;

/**
 * A published template: `definition` is the checked template (schemas/template.ts)
 * with its defaults filled in, exactly as stored.
 */
export const PublishedTemplate = TemplateSummary.extend({
  definition: z.record(z.string(), z.unknown()),
});
export type PublishedTemplate = z.infer<typeof PublishedTemplate>;
