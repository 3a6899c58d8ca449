import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA_DIR = process.env.E2E_DATA_DIR ?? "test-results/e2e-data";

// E2E runs the real server (`npm run build` first) against SQLite by default, or MariaDB when
// E2E_DATABASE_URL is set; Debian's Chromium, never a downloaded browser (stack-notes §4).
export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  fullyParallel: false,
  // One retry under CI, reported as "flaky" in the summary notes rather than hidden.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  reporter: [["list"]],
  outputDir: "test-results/artifacts",
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: "retain-on-failure", screenshot: "only-on-failure" },
  projects: [
    {
      name: "debian-chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node --import tsx server/index.ts",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "test",
      PORT: String(PORT),
      HOST: "127.0.0.1",
      DATA_DIR,
      RATE_LIMITS: "relaxed",
      LOG_LEVEL: "warn",
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      ...(process.env.E2E_DEMO_SOURCE_URL ? { DEMO_SOURCE_URL: process.env.E2E_DEMO_SOURCE_URL } : {}),
    },
  },
});
