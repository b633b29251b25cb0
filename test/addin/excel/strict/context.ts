/**
 * A request context of the strict fake: the queue of commands an `Excel.run`
 * batch builds, and `sync()`, which sends them as one request.
 *
 * A sync is what Excel does with one request:
 * - while the user edits a cell it fails with InvalidOperationInCellEditMode,
 *   unless the run asked `{ delayForCellEdit: true }` on a host with ExcelApi
 *   1.11, where it waits until edit mode ends (RunOptions.delayForCellEdit,
 *   docs/excel/excel-add-ins-delay-in-cell-edit.md);
 * - a request over 5 MB is refused whole on Excel on the web (payload.ts);
 * - the commands run in order, and the first that fails fails the sync with
 *   its Office.js error code; the ones before it stay applied — a batch is not
 *   a transaction — and loads of a failed sync never arrive;
 * - writes count against the user's undo stack (undo.ts);
 * - the changes raise worksheet events after the sync (events.ts).
 */
import { officeError, OfficeJsError } from "./errors";
import { ClientObject } from "./client-object";
import type { Core, PendingEvent } from "./core";
import { ACTION_BYTES, ENVELOPE_BYTES, jsonBytes, PAYLOAD_LIMIT, RESPONSE_OBJECT_BYTES } from "./payload";
import { hostHas } from "./profiles";
import { WorkbookProxy } from "./workbook";

interface Command {
  api: string;
  bytes: number;
  run(): void;
  readOnly: boolean;
}

interface Query {
  object: ClientObject;
  props: readonly string[];
  values?: Record<string, unknown>;
}

export interface RunOptions {
  delayForCellEdit?: boolean;
  mergeUndoGroup?: boolean;
}

export class FakeContext {
  readonly workbook: WorkbookProxy;
  private queue: Command[] = [];
  private queries: Query[] = [];
  private charged = new Set<ClientObject>();
  /** Events the running sync has caused so far. */
  private events: PendingEvent[] = [];
  syncs = 0;

  constructor(
    readonly core: Core,
    readonly options: RunOptions,
    readonly runIndex: number,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  /** Queues a command on `object`; its request bytes include the object paths not yet sent. */
  command(
    object: ClientObject,
    api: string,
    args: unknown[],
    run: () => void,
    options?: { readOnly?: boolean; instantiate?: boolean },
  ): void {
    // An instantiate action travels with its object path: METHOD_PATH_BYTES covers both.
    const action = options?.instantiate ? 0 : ACTION_BYTES + jsonBytes(args);
    this.queue.push({ api, bytes: this.pathCost(object) + action, run, readOnly: !!options?.readOnly });
  }

  /**
   * Queues a load of `props` on `object`. A path ("protection/protected")
   * loads the navigation object's property, readable there as in Office.js;
   * on a null object it loads nothing.
   */
  query(object: ClientObject, props: readonly string[], under?: ClientObject): void {
    const direct: string[] = [];
    for (const p of props) {
      const slash = p.indexOf("/");
      const child =
        slash > 0 && !p.startsWith("items/")
          ? (object as unknown as Record<string, unknown>)[p.slice(0, slash)]
          : undefined;
      if (child instanceof ClientObject) this.query(child, [p.slice(slash + 1)], under ?? object);
      else direct.push(p);
    }
    if (direct.length === 0) return;
    const q: Query = { object, props: direct };
    this.queries.push(q);
    this.command(
      object,
      `${object.typeName}.load`,
      [direct],
      () => {
        if (under && under.resolveOrNull() === null) return;
        if (direct.includes("isNullObject")) {
          const isNull = object.resolveOrNull() === null;
          q.values = { isNullObject: isNull };
          if (isNull) return;
        }
        q.values = { ...q.values, ...object.snapshot(direct.filter((p) => p !== "isNullObject")) };
      },
      { readOnly: true },
    );
  }

  /** Records an event the running command caused; raised after the sync. */
  emit(event: PendingEvent): void {
    this.events.push(event);
  }

  async sync(): Promise<void> {
    const commands = this.queue;
    const queries = this.queries;
    this.queue = [];
    this.queries = [];
    this.charged = new Set();
    this.syncs++;
    // A request crosses to Excel and back: never synchronous.
    await new Promise((resolve) => setImmediate(resolve));
    const record = { run: this.runIndex, requestBytes: 0, responseBytes: 0, commands: commands.length } as {
      run: number;
      requestBytes: number;
      responseBytes: number;
      commands: number;
      failed?: string;
    };
    this.core.payload.syncs.push(record);
    try {
      await this.waitForCellEdit();
      record.requestBytes = ENVELOPE_BYTES + commands.reduce((n, c) => n + c.bytes, 0);
      if (this.core.profile.platform === "web" && record.requestBytes > PAYLOAD_LIMIT) {
        throw officeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.");
      }
      this.events = [];
      try {
        const injected = this.core.failures.shift();
        for (const [i, c] of commands.entries()) {
          if (injected && i === injected.after) break;
          c.run();
          if (!c.readOnly) this.core.undo.addinWrite(c.api);
        }
        if (injected) throw officeError(injected.code, "Injected by the test.");
      } finally {
        this.core.raise(this.events);
        this.events = [];
      }
      record.responseBytes =
        ENVELOPE_BYTES + queries.reduce((n, q) => n + RESPONSE_OBJECT_BYTES + jsonBytes(q.values), 0);
      if (this.core.profile.platform === "web" && record.responseBytes > PAYLOAD_LIMIT) {
        throw officeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.");
      }
      for (const q of queries) for (const [k, v] of Object.entries(q.values ?? {})) q.object.cache.set(k, v);
    } catch (e) {
      record.failed = e instanceof OfficeJsError ? e.code : String(e);
      throw e;
    }
  }

  private async waitForCellEdit(): Promise<void> {
    if (!this.core.editing) return;
    const delay = this.options.delayForCellEdit === true && hostHas(this.core.profile, "delayForCellEdit");
    if (!delay) {
      throw officeError(
        "InvalidOperationInCellEditMode",
        "The operation isn't available while Excel is in Edit cell mode.",
      );
    }
    while (this.core.editing) await this.core.editEnded;
  }

  private pathCost(object: ClientObject): number {
    let bytes = 0;
    for (let o: ClientObject | undefined = object; o && !this.charged.has(o); o = o.parent) {
      this.charged.add(o);
      bytes += o.pathBytes;
    }
    return bytes;
  }
}
