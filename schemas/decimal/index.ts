/**
 * Exact decimal arithmetic, the one home of it (add-in, Worker and rules alike):
 * - value.ts: `Decimal` (m / 10^s) and its arithmetic, for the rule evaluator.
 */
export * from "./value";
