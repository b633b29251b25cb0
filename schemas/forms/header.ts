import type { TemplateInput } from "../template";

/** 填报人 and 联系电话, printed under the title of every official form (填报单位 comes from the token). */
export const STANDARD_HEADER: NonNullable<TemplateInput["header"]> = [
  { key: "reporter", label: "填报人", type: "text", required: true, maxLength: 30 },
  { key: "phone", label: "联系电话", type: "phone", required: true },
];
