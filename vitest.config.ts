import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    globals: true,
    setupFiles: ["tests/support/setup-vitest.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
