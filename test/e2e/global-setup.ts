import { rmSync } from "node:fs";
import { seededState } from "./harness";

/**
 * One migrated, seeded local D1 for the whole browser-test run: every test file
 * starts its own `wrangler dev` on a fresh copy of it (test/e2e/harness.ts)
 * instead of running the migrations and the seed again.
 */
export default async function setup(): Promise<() => void> {
  const state = await seededState();
  process.env.HUIBIAO_E2E_STATE = state;
  return () => rmSync(state, { recursive: true, force: true });
}
