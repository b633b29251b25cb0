import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "schemas",
          include: ["test/schemas/**/*.test.ts", "test/addin/**/*.test.ts", "test/manifest/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["./test/e2e/global-setup.ts"],
          // Each file starts its own wrangler dev and Chromium: run them one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            main: "./worker/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./worker/migrations"),
                // Test-only keys (docs/privacy.md): "t2" is current, "t1" the one rotation retires.
                PII_MASTER_KEYS: `t2:${"Mg".padEnd(43, "A")}=,t1:${"MQ".padEnd(43, "A")}=`,
                PII_INDEX_KEY: "dGVzdC1pbmRleC1rZXktbm90LWEtc2VjcmV0LTAwMDA=",
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts", "test/scripts/**/*.test.ts"],
          setupFiles: ["./test/worker/apply-migrations.ts"],
        },
      },
    ],
  },
});
