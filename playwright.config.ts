import { defineConfig, devices } from "@playwright/test";
import { E2E_DATA_DIR as DATA_DIR, E2E_PORT as PORT, E2E_SMTP_PORT } from "./tests/e2e/support/e2e-settings";

// E2E runs the real server (`npm run build` first) against SQLite by default, or MariaDB when
// E2E_DATABASE_URL is set; Debian's Chromium, never a downloaded browser (stack-notes §4). Mail
// goes over real SMTP to a sink on loopback that the specs read (tests/e2e/support/mailbox.ts).
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
  webServer: [
    {
      // Started first: the portal's worker mails as soon as the first request comes in.
      command: "node --import tsx tests/e2e/support/smtp-sink-server.ts",
      port: E2E_SMTP_PORT,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // What `npm start` runs (ADR 045): the compiled dist/ (built first if a source is newer), so
      // what is tested is what ships.
      command: "npm start",
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
        SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
        // The DRP API with the demo directory (public development key only; docs/drp.md).
        DRP_DIRECTORY: "server/drp/demo/drp-directory.json",
        DRP_BUSINESS_ID: "PARLAY_DEMO_01",
        ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
        ...(process.env.E2E_DEMO_SOURCE_URL ? { DEMO_SOURCE_URL: process.env.E2E_DEMO_SOURCE_URL } : {}),
      },
    },
  ],
});
