/**
 * The data validations of a form: one block per range typed alike, with its
 * rule, input prompt and stop alert (fitted to Excel's limits by
 * validation-texts.ts). Dropdowns whose options do not fit Excel's 255-character
 * inline list read them from hidden columns right of the form. Once the 其中 sum
 * rules are known, the blocks of their parts also check the sum as it is typed.
 */
import { columnLetter } from "../address";
import { ruleOf, type FieldSpec } from "./cell-rules";
import type { HiddenSource, SumRule, ValidationBlock } from "./layout-types";
import { attachEntryChecks } from "./sum-rules";
import { alertOf, inlineListSource, promptOf } from "./validation-texts";

export class ValidationBlocks {
  readonly blocks: ValidationBlock[] = [];
  readonly hiddenSources: HiddenSource[] = [];
  /** Field specs by block, to rebuild alerts once the sum rules are known. */
  private readonly fieldOfBlock = new Map<ValidationBlock, FieldSpec>();

  /** `columns`: the form's width; hidden option columns start one column after a gap. */
  constructor(private readonly columns: number) {}

  /** Validates typing into `range` as `field` says; nothing when the field needs no rule. */
  add(range: string, field: FieldSpec): void {
    const rule = ruleOf(field, (options) => this.listSource(options));
    if (!rule) return;
    const b: ValidationBlock = { range, rule, sumRuleIds: [], prompt: promptOf(field), alert: alertOf(field) };
    this.blocks.push(b);
    this.fieldOfBlock.set(b, field);
  }

  /** The parts of each sum rule reject a value that pushes the sum over its total. */
  checkSums(sumRules: SumRule[], specAt: Map<string, FieldSpec>): void {
    attachEntryChecks(sumRules, this.blocks, this.fieldOfBlock, specAt);
  }

  private listSource(options: string[]): string {
    const inline = inlineListSource(options);
    if (inline !== undefined) return inline;
    const col = this.columns + 2 + this.hiddenSources.length;
    const letter = columnLetter(col);
    const range = `$${letter}$1:$${letter}$${options.length}`;
    this.hiddenSources.push({ col, range, values: [...options] });
    return `=${range}`;
  }
}
