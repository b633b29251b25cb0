import type { Permission } from "../schemas/api/tokens";
import type { Role } from "../schemas/api/common";

/** Bindings the Worker is deployed with (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  APP_VERSION: string;
  /**
   * Comma-separated origins allowed to call the API cross-origin. Unset (the
   * default) = CORS closed: the task pane is served from the same origin.
   */
  CORS_ORIGINS?: string;
  /**
   * Secret: master keys of sensitive values, `id:base64(32 bytes)` comma-separated,
   * the first current (docs/privacy.md). Needed once a template has a sensitive column.
   */
  PII_MASTER_KEYS?: string;
  /**
   * Base64 of 32 random bytes: the HMAC key of the blind index of sensitive values
   * (worker/pii/blind-index.ts). A secret (`wrangler secret put PII_INDEX_KEY`; `npm start`
   * writes a local one to .dev.vars). Needed by any save of a sensitive value.
   */
  PII_INDEX_KEY?: string;
}

/** Who is calling, resolved from the bearer token by `requireAuth`. */
export interface Caller {
  tokenId: number;
  role: Role;
  label: string;
  unit: string;
  unitName: string;
  unitParent: string | null;
  /** "/hs/hs-tunxi/" — see worker/db/units.ts. */
  unitPath: string;
  /** Beyond the role (tokens.permissions): `pii` may reveal sensitive values with a purpose, `author` define forms. */
  permissions: readonly Permission[];
  /** When the token stops working (ISO instant), or null for a token without expiry. */
  expiresAt: string | null;
}

/**
 * A bearer token whose lookup a route does itself, inside its own first read
 * batch (one D1 round trip instead of two). The route must call `callerOf`
 * (auth/authenticate.ts) on the token row before it uses anything else of that
 * batch; `checked` records that it did.
 */
export interface DeferredToken {
  hash: string;
  checked: boolean;
}

/** Hono environment shared by every route. */
export interface AppEnv {
  Bindings: Env;
  /**
   * `caller` is set by `requireAuth` on every authenticated route except the
   * deferred ones (worker/auth/authenticate.ts), which get `deferredToken` instead.
   */
  Variables: { caller: Caller; deferredToken?: DeferredToken };
}
