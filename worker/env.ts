import type { Role } from "../schemas/api/common";
import type { DeferredToken } from "./auth/authenticate";

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
