/**
 * Exact decimal arithmetic, the one home of it (add-in, Worker and rules alike):
 * - value.ts: `Decimal` (m / 10^s) and its arithmetic, for the rule evaluator;
 * - text.ts: canonical decimal text (normalising, comparing, counting digits),
 *   for clerk input and bounds, at any length and without BigInt;
 * - sum.ts: exact running sums of canonical text and the integers of
 *   millionths that D1 sums (`report_cells.num`), for consolidation.
 */
export * from "./sum";
export * from "./text";
export * from "./value";
