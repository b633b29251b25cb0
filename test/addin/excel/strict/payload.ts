/**
 * What one `context.sync()` sends and receives, estimated the way Office.js
 * serializes a batch: every action (set a property, call a method, load) and
 * every object path it references (`getRange("C5")`, `.format`, `.fill`)
 * is a JSON record, and arguments travel as JSON text. The constants are
 * calibrated so that `ws.getRange("C5").values = [[x]]` costs about 250 bytes,
 * the figure issue 11 measured for a one-cell write.
 *
 * Excel on the web refuses a request or a response over 5 MB
 * ("Resource limits and performance optimization for Office Add-ins",
 * docs/concepts/resource-limits-and-performance-optimization.md: "Excel on the
 * web has a payload size limit for requests and responses of 5MB"; the error
 * table marks RequestPayloadSizeLimitExceeded and ResponsePayloadSizeLimitExceeded
 * "only in Excel on the web"), and reads at most 5,000,000 cells per range on
 * every platform.
 */

/** An object path made by a method (`getRange`, `getItem`, `add`) and its instantiate action. */
export const METHOD_PATH_BYTES = 120;
/** An object path reached through a property (`range.format`, `format.fill`). */
export const PROPERTY_PATH_BYTES = 60;
/** One action: set a property, call a method, query (load). */
export const ACTION_BYTES = 110;
/** Envelope of a request or a response. */
export const ENVELOPE_BYTES = 100;
/** Per object in a response (its id and property names). */
export const RESPONSE_OBJECT_BYTES = 40;

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const READ_CELL_LIMIT = 5_000_000;

/** UTF-8 bytes of the JSON text of `args` (Chinese text costs three bytes a character). */
export function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  return Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
}

export interface SyncRecord {
  run: number;
  requestBytes: number;
  responseBytes: number;
  commands: number;
  /** The error code the sync failed with, if it did. */
  failed?: string;
}

/** Every sync so far, for tests and benches to report the largest request and response. */
export class PayloadLog {
  readonly syncs: SyncRecord[] = [];

  get maxRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }

  get maxResponseBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.responseBytes));
  }

  /** Forget what was recorded (e.g. after setting up a workbook). */
  reset(): void {
    this.syncs.length = 0;
  }
}
