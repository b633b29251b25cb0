import type { ApiClient } from "./api-client";
import type { OutboxPrivacy } from "./outbox";
import type { Canonicalize } from "./rebase";
import type { KeyValueStore } from "./storage";
import type { Timers } from "./timers";

/** What a SyncEngine is given: the API, where the outbox lives, which report, and its pacing. */
export interface SyncEngineOptions {
  api: Pick<ApiClient, "report" | "patchReport" | "submit">;
  store: KeyValueStore;
  /** Which fields are sensitive and where their unacknowledged values wait (outbox.ts); none = all lasting. */
  privacy?: OutboxPrivacy;
  round: string;
  unit: string;
  /** Quiet time after the last edit before saving. Default 1000 ms. */
  debounceMs?: number;
  /** Retry delays double from `initialMs` up to `maxMs`. Defaults 1 s and 60 s. */
  retry?: { initialMs?: number; maxMs?: number };
  /** Fields per save; halved by itself if the server finds a body too large. Default 500. */
  maxBatch?: number;
  timers?: Timers;
  newKey?: () => string;
  /** Canonical text of a typed value (e.g. through the template), used to tell real conflicts. */
  canonical?: Canonicalize;
}
