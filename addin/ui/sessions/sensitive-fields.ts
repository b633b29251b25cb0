/**
 * Which fields of a report hold sensitive personal information: the header
 * fields and roster columns the template marks `sensitive` (身份证号, 银行卡号 by
 * default; schemas/template.ts isSensitive). The outbox keeps their unsent values
 * out of the lasting store (sync/outbox.ts).
 */
import { compiledOf, locateCell } from "../../../schemas/cells";
import type { Template } from "../../../schemas/template";

export function sensitiveFields(template: Template): (field: string) => boolean {
  const compiled = compiledOf(template);
  return (field) => {
    const at = locateCell(compiled, field);
    if (!at) return false;
    return at.kind === "cell" ? at.cell.sensitive === true : at.column.sensitive;
  };
}
