import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    // Suites of PostgreSQL alone (*.postgres.test.ts) need a server: without TEST_POSTGRES_URL a
    // local `npm test` leaves them out and says so (scripts/run-tests.mjs); CI always has one
    // (tests/support/dialects.ts refuses to run CI without it).
    exclude: process.env.TEST_POSTGRES_URL || process.env.CI ? [] : ["tests/**/*.postgres.test.ts"],
    environment: "node",
    pool: "forks",
    globals: true,
    setupFiles: ["tests/support/setup-vitest.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
