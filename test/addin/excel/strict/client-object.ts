/**
 * The proxy half of the Office.js object model: a `ClientObject` stands for
 * something in the workbook that only `context.sync()` reaches. Properties
 * read before `load()` + `sync()` throw PropertyNotLoaded (as Office.js does);
 * a property the add-in set reads back what it set. Methods and setters queue
 * commands on the context; nothing touches the workbook before the sync.
 */
import { officeError } from "./errors";
import type { FakeContext } from "./context";

export abstract class ClientObject<T = unknown> {
  /** undefined: not resolved yet; null: a null object (getItemOrNullObject found nothing). */
  private target: T | null | undefined;
  /** Loaded or locally set property values. */
  readonly cache = new Map<string, unknown>();

  constructor(
    readonly context: FakeContext,
    readonly parent: ClientObject | undefined,
    /** Bytes this object's path adds to the first request that references it. */
    readonly pathBytes: number,
    /** Finds the target at sync time (property paths walk their parent). */
    private readonly locate?: () => T | null,
    readonly typeName = "ClientObject",
  ) {}

  /** The workbook object, at sync time; a null or missing object fails the batch. */
  resolve(): T {
    if (this.target === undefined) this.target = this.locate ? this.locate() : null;
    if (this.target === null || this.target === undefined) {
      throw officeError("ItemNotFound", `The requested ${this.typeName} doesn't exist.`, this.typeName);
    }
    return this.target;
  }

  /** For getItemOrNullObject: resolves without failing. */
  resolveOrNull(): T | null {
    if (this.target === undefined) this.target = this.locate ? this.locate() : null;
    return this.target ?? null;
  }

  bind(target: T | null): void {
    this.target = target;
  }

  get isNullObject(): boolean {
    return this.read<boolean>("isNullObject");
  }

  /** Queues a query; the values arrive at the end of a successful sync. */
  load(props?: string | string[]): this {
    const list = (Array.isArray(props) ? props : (props ?? "").split(",")).map((p) => p.trim()).filter(Boolean);
    this.context.query(this, list);
    return this;
  }

  /** What `load` answers for these properties, read from the workbook now (at sync). */
  abstract snapshot(props: readonly string[]): Record<string, unknown>;

  protected read<V>(prop: string): V {
    if (!this.cache.has(prop)) {
      throw officeError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
        `${this.typeName}.${prop}`,
      );
    }
    return this.cache.get(prop) as V;
  }

  /** Sets locally (readable at once, as in Office.js) and queues the write. */
  protected write(
    prop: string,
    value: unknown,
    api: string,
    apply: (target: T) => void,
    events?: (t: T) => void,
  ): void {
    this.cache.set(prop, value);
    this.context.command(this, api, [value], () => {
      const t = this.resolve();
      apply(t);
      events?.(t);
    });
  }

  /** Queues a method call. */
  protected call(api: string, args: unknown[], apply: (target: T) => void, options?: { readOnly?: boolean }): void {
    this.context.command(this, api, args, () => apply(this.resolve()), options);
  }

  /**
   * Queues the instantiate action of an object made by a method (`getItem`,
   * `getRange`): it resolves there, in batch order, so a missing item fails
   * the sync at that point and the commands before it stay applied.
   */
  instantiate(api: string, nullable = false): this {
    this.context.command(this, api, [], () => (nullable ? this.resolveOrNull() : this.resolve()), {
      readOnly: true,
      instantiate: true,
    });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.cache);
  }
}
