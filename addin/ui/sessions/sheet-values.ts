/**
 * What each cell of an open form holds, three ways: as the clerk left it in
 * the sheet, as the Validator reads it (canonical), and as the outbox and the
 * server believe it. Turns reported sheet changes into edits to queue and
 * values to write back; no DOM, no workbook, no network.
 *
 * Unreadable values stay in the sheet with an error but are not sent: the
 * server would refuse them. Their raw text is remembered so a re-read of the
 * same text is not a new change. Computed items are neither read nor sent:
 * the Validator derives them, and the sheet shows them (a formula, or the
 * value the session writes).
 */
import { describeCell, locateCell, parseCellInput } from "../../../schemas/cells";
import type { Template } from "../../../schemas/template";
import { Validator } from "../../../schemas/validate";
import type { CellKey, CellValue } from "../../sheet/form-workbook";
import { isNote, NOTE_PREFIX, type FieldValue } from "../../sync/outbox";
import { isBlank, needsWriteBack } from "./cell-input";

export interface AppliedChanges {
  /** Canonical values that differ from what the outbox knows: queue them. */
  edits: { cell: string; value: FieldValue }[];
  /** Cells whose text should become the canonical value (８２．５ → 82.5). */
  writeBack: Record<CellKey, string>;
  /** Computed items whose value changed: for the sheet to show (null = blank). */
  computed: Record<CellKey, string | null>;
}

export class SheetValues {
  readonly validator: Validator;
  /** What the outbox and server believe each cell holds (canonical), to queue real changes only. */
  private readonly synced = new Map<CellKey, string | null>();
  /** Unreadable text per cell, so a re-read of the same text is not a new change. */
  private readonly invalidRaw = new Map<CellKey, CellValue>();

  /** `cells`: the canonical values this device last saved or queued. */
  constructor(
    private readonly template: Template,
    cells: Readonly<Record<CellKey, string>>,
  ) {
    for (const [cell, value] of Object.entries(cells)) this.synced.set(cell, value);
    this.validator = new Validator(template, cells);
  }

  /** The sheet reported these cells: check them and say what to queue and write back. */
  apply(values: Readonly<Record<CellKey, CellValue>>): AppliedChanges {
    const keys = Object.keys(values);
    const result = this.validator.setMany(keys.map((cell) => ({ cell, value: values[cell] })));
    const edits: AppliedChanges["edits"] = [];
    const writeBack: Record<CellKey, string> = {};
    for (const [cell, canonical] of Object.entries(result.values)) {
      const raw = values[cell] ?? null;
      if (canonical === null && !isBlank(raw)) {
        this.invalidRaw.set(cell, raw);
        continue;
      }
      this.invalidRaw.delete(cell);
      if (canonical !== (this.synced.get(cell) ?? null)) {
        edits.push({ cell, value: canonical });
        this.synced.set(cell, canonical);
      }
      if (needsWriteBack(raw, canonical) && canonical !== null) writeBack[cell] = canonical;
    }
    return { edits, writeBack, computed: result.computed };
  }

  /** Every computed item's value now, for a sheet just drawn or reconnected. */
  computedValues(): Record<CellKey, string | null> {
    return Object.fromEntries(
      this.validator.compiled.calcs.map((c) => [c.cell.key, this.validator.value(c.cell.key) ?? null]),
    );
  }

  /**
   * The cells of a full read of the sheet that differ from what is known:
   * pastes, fills and dropdown picks that raised no event.
   */
  changesIn(sheet: Readonly<Record<CellKey, CellValue>>): Record<CellKey, CellValue> {
    const changed: Record<CellKey, CellValue> = {};
    for (const [cell, raw] of Object.entries(sheet)) {
      if (this.validator.compiled.cellByKey.get(cell)?.computed) continue;
      if (this.invalidRaw.has(cell) && this.invalidRaw.get(cell) === raw) continue;
      const current = this.validator.value(cell) ?? null;
      if (isBlank(raw)) {
        if (current !== null || this.invalidRaw.has(cell)) changed[cell] = null;
        continue;
      }
      const parsed = parseCellInput(this.template, cell, raw);
      if (!parsed.ok || parsed.value !== current || needsWriteBack(raw, parsed.value)) changed[cell] = raw;
    }
    return changed;
  }

  /** What was last saved for these cells, to put back an edit that cannot be saved. */
  saved(keys: readonly CellKey[]): Record<CellKey, string | null> {
    return Object.fromEntries(keys.map((k) => [k, this.synced.get(k) ?? null]));
  }

  /**
   * Others' changes (or "theirs" choices) are what the server holds now.
   * Answers the computed items they changed, as the Validator computes them.
   */
  acceptRemote(values: Readonly<Record<CellKey, string | null>>): Record<CellKey, string | null> {
    const cells = Object.keys(values);
    for (const cell of cells) {
      this.synced.set(cell, values[cell] ?? null);
      this.invalidRaw.delete(cell);
    }
    return this.validator.setMany(cells.map((cell) => ({ cell, value: values[cell] ?? null }))).computed;
  }

  /** Canonical text of a value the outbox holds, so the sync engine tells real conflicts from spelling. */
  canonical(field: string, raw: FieldValue): string | null {
    if (raw === null) return null;
    if (isNote(field)) return String(raw).trim() || null;
    const parsed = parseCellInput(this.template, field, raw);
    return parsed.ok ? parsed.value : String(raw);
  }

  /** How a cell (or a `note:` 上报说明) is named to the clerk, e.g. 第 1 项「共筹集资金」. */
  describe(field: string): string {
    if (isNote(field)) {
      const id = field.slice(NOTE_PREFIX.length);
      return `上报说明（${this.validator.problems().find((p) => p.id === id)?.message ?? id}）`;
    }
    const at = locateCell(this.validator.compiled, field);
    return at ? describeCell(at) : field;
  }
}
