import { validationTextIssues } from "./check-texts";
import { compileTemplate, type TemplateIssue } from "./compile";
import { Template } from "./template";

export type { TemplateIssue };

/**
 * The publishing check: the zod schema first, then what zod cannot see —
 * duplicate keys, references, expression types, breakdown cycles — and the
 * author's texts that Excel's popups cannot hold (check-texts.ts). Every issue
 * names where it is (`rules[2].expr`) and, for expressions, the character.
 */
export function checkTemplate(
  input: unknown,
): { ok: true; template: Template } | { ok: false; errors: TemplateIssue[] } {
  const parsed = Template.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    };
  }
  const compiled = compileTemplate(parsed.data);
  if (!compiled.ok) return { ok: false, errors: compiled.issues };
  const texts = validationTextIssues(parsed.data, compiled.compiled);
  return texts.length === 0 ? { ok: true, template: parsed.data } : { ok: false, errors: texts };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === "number" ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    "",
  );
}
