/** Bindings the Worker is deployed with (see wrangler.toml). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  APP_VERSION: string;
}

/** Hono environment shared by every route. */
export interface AppEnv {
  Bindings: Env;
}
