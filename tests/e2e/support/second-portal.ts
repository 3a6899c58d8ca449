import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { E2E_DATA_DIR, E2E_SECOND_PORT, E2E_SMTP_PORT } from "./e2e-settings";

export interface SecondPortal {
  baseURL: string;
  stop(): Promise<void>;
}

/**
 * Starts another real portal process with some settings changed, for a setting that is fixed per
 * process (a business policy) and that the main e2e server keeps at its default. It has its own
 * SQLite database and DATA_DIR, reads the demo business the main server seeded, and sends mail to
 * the same SMTP sink, so tests/e2e/support/mailbox.ts reads its mail too.
 */
export async function startSecondPortal(settings: Record<string, string>): Promise<SecondPortal> {
  const dataDir = path.resolve(`${E2E_DATA_DIR}-second`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const demoSource = process.env.E2E_DEMO_SOURCE_URL ?? `sqlite:${path.resolve(E2E_DATA_DIR, "demo-business.sqlite")}`;
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      PORT: String(E2E_SECOND_PORT),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dataDir, "portal.sqlite")}`,
      DEMO_SOURCE_URL: demoSource,
      DEMO_SEED: "off",
      RATE_LIMITS: "relaxed",
      LOG_LEVEL: "warn",
      SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
      ...settings,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseURL = `http://127.0.0.1:${E2E_SECOND_PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second portal exited with code ${child.exitCode}`);
    if (await fetch(`${baseURL}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error("the second portal did not start within 60 s");
    await sleep(250);
  }
  return {
    baseURL,
    async stop() {
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
