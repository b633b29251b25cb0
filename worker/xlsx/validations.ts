import type { DataValidation } from "./sheet";
import { escapeAttr, escapeXml } from "./xml-write";

/**
 * A sheet's data validations (ECMA-376 Part 1 §18.3.1.32–33) as Excel writes
 * them: the type and operator, `allowBlank` (Excel's "ignore blank"), the input
 * prompt and the stop alert shown, and the formulas as children. Texts are
 * expected within Excel's limits already (schemas/layout/form/validation-texts.ts:
 * titles ≤ 32, prompt ≤ 255, alert ≤ 224 characters, [MS-OI29500] 2.1.613); Excel refuses longer ones.
 */
export function validationsXml(list: readonly DataValidation[]): string {
  if (list.length === 0) return "";
  return `<dataValidations count="${list.length}">${list.map(validationXml).join("")}</dataValidations>`;
}

function validationXml(v: DataValidation): string {
  const attrs = [`type="${v.type}"`];
  if (v.operator && v.operator !== "between") attrs.push(`operator="${v.operator}"`);
  if (v.allowBlank) attrs.push('allowBlank="1"');
  if (v.prompt) attrs.push('showInputMessage="1"');
  if (v.error) attrs.push('showErrorMessage="1"', 'errorStyle="stop"');
  if (v.error) attrs.push(`errorTitle="${escapeAttr(v.error.title)}"`, `error="${escapeAttr(v.error.message)}"`);
  if (v.prompt) attrs.push(`promptTitle="${escapeAttr(v.prompt.title)}"`, `prompt="${escapeAttr(v.prompt.message)}"`);
  attrs.push(`sqref="${escapeAttr(v.sqref)}"`);
  const f2 = v.formula2 === undefined ? "" : `<formula2>${escapeXml(v.formula2)}</formula2>`;
  return `<dataValidation ${attrs.join(" ")}><formula1>${escapeXml(v.formula1)}</formula1>${f2}</dataValidation>`;
}
