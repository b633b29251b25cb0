/**
 * Where the outbox survives a reload. Synchronous on purpose: `localStorage`
 * is, and a write that completes before the next statement is what lets the
 * outbox promise "persisted before sent".
 */
export interface KeyValueStore {
  get(key: string): string | null;
  /** May throw (quota exceeded, storage disabled); callers decide what that means. */
  set(key: string, value: string): void;
  remove(key: string): void;
  /** Every key held (without the namespace), where the storage can list them: sign-out finds the outboxes. */
  keys?(): string[];
}

/** For tests, and the fallback when the host offers no storage at all. */
export class MemoryStore implements KeyValueStore {
  private readonly data = new Map<string, string>();

  get(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.data.set(key, value);
  }

  remove(key: string): void {
    this.data.delete(key);
  }

  keys(): string[] {
    return [...this.data.keys()];
  }
}

/** The slice of the DOM `Storage` interface used here. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  readonly length?: number;
  key?(index: number): string | null;
}

export interface WebStoreOptions {
  /**
   * `Office.context.partitionKey`. Excel on the web partitions add-in storage
   * and expects every key to start with it; elsewhere it is undefined or "".
   */
  partitionKey?: string | null;
  /** Keeps our keys apart from anything else on the origin. Default "huibiao:". */
  namespace?: string;
}

export function webStorageStore(storage: WebStorageLike, options: WebStoreOptions = {}): KeyValueStore {
  const prefix = `${options.partitionKey ?? ""}${options.namespace ?? "huibiao:"}`;
  return {
    get: (key) => storage.getItem(prefix + key),
    set: (key, value) => storage.setItem(prefix + key, value),
    remove: (key) => storage.removeItem(prefix + key),
    keys: () => {
      const out: string[] = [];
      for (let i = 0; i < (storage.length ?? 0); i++) {
        const key = storage.key?.(i);
        if (key?.startsWith(prefix)) out.push(key.slice(prefix.length));
      }
      return out;
    },
  };
}
