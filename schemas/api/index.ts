export * from "./common";
export * from "./me";
export * from "./tokens";
export * from "./templates";
export * from "./rounds";
export * from "./reports";
export * from "./changes";
export * from "./consolidation";
