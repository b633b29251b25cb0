import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../../worker/env";

declare global {
  namespace Cloudflare {
    // Types `exports.default` of "cloudflare:workers" as the Worker's entry module.
    interface GlobalProps {
      mainModule: typeof import("../../worker/index");
    }
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
export type { WorkerEnv as Env };
