import type { BuildOptions } from "esbuild";

export function fillBundle(root: string): BuildOptions & { entryPoints: Record<string, string> };
export const FILL_MAX_BYTES: number;
