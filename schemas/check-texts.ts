/**
 * The publish check for texts that Excel's popups must hold whole: an author's
 * hint (the last line of the input prompt, ≤ 255 characters in all) and an
 * author's 其中 message (the stop alert of each part, ≤ 224). The layout
 * shortens what it generates, labels and option lists among them (why, and the
 * Microsoft sources for the limits: layout/form/validation-texts.ts); these two
 * it cannot shorten without changing what they say, so the author is told.
 * Lengths count UTF-16 units, as Excel does (see text.ts).
 */
import type { CompiledTemplate, TemplateIssue } from "./compile";
import { columnField, numberField } from "./layout/form/fields";
import type { FieldSpec } from "./layout/form/cell-rules";
import { alertRoom, EXCEL_TEXT_LIMITS, hintRoom } from "./layout/form/validation-texts";
import type { Template } from "./template";
import { shortLabel } from "./text";

/** Messages with {placeholders} are for the rule engine; Excel's alert uses its own wording then (sum-rules.ts). */
const PLACEHOLDER = /\{[^}]+\}/;

export function validationTextIssues(template: Template, compiled: CompiledTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const specOf = new Map<string, FieldSpec>();

  const hint = (path: string, name: string, spec: FieldSpec) => {
    const text = spec.hint?.trim() ?? "";
    const room = hintRoom(spec);
    if (text.length <= room) return;
    issues.push({
      path: `${path}.hint`,
      message:
        `${name}的提示文字有 ${text.length} 个字符，Excel 的输入提示放不下：输入提示最多 ` +
        `${EXCEL_TEXT_LIMITS.promptMessage} 个字符，除去“应填：…”一行，提示文字最多 ${room} 个字符。请精简提示文字`,
    });
  };

  template.header.forEach((c, i) => hint(`header[${i}]`, `表头「${c.label}」`, columnField(c, "")));
  template.sections.forEach((section, s) => {
    const at = `sections[${s}]`;
    if (section.kind === "items") {
      section.items.forEach((item, i) => {
        const spec = numberField(item, item.label, "");
        specOf.set(item.key, spec);
        hint(`${at}.items[${i}]`, compiled.cellByKey.get(item.key)?.where ?? `「${item.label}」`, spec);
      });
    } else if (section.kind === "grid") {
      section.rows.forEach((row, r) => {
        const spec = numberField(row, row.label, "");
        for (const c of section.columns) specOf.set(`${row.key}.${c.key}`, spec);
        hint(`${at}.rows[${r}]`, `「${shortLabel(row.label)}」`, spec);
      });
    } else {
      const title = section.title ?? "名册";
      section.columns.forEach((c, i) => hint(`${at}.columns[${i}]`, `${title}「${c.label}」`, columnField(c, "")));
    }
  });

  template.breakdowns.forEach((b, i) => {
    if (!b.message || PLACEHOLDER.test(b.message)) return;
    const parts = b.parts.map((p) => specOf.get(p)).filter((p): p is FieldSpec => p !== undefined);
    // The stop alert of every part says what the part takes, then the message.
    const room = Math.min(...parts.map(alertRoom));
    if (b.message.length <= room) return;
    const name = compiled.cellByKey.get(b.total)?.where ?? `「${b.total}」`;
    issues.push({
      path: `breakdowns[${i}].message`,
      message:
        `${name}的其中说明有 ${b.message.length} 个字符，Excel 的出错警告放不下：出错警告最多 ` +
        `${EXCEL_TEXT_LIMITS.alertMessage} 个字符，除去“应填写…”，说明最多 ${room} 个字符。` +
        "请精简，或删去 message 改用自动生成的说明",
    });
  });
  return issues;
}
