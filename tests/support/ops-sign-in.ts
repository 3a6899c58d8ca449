import { expect, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Secret, TOTP } from "otpauth";

/** The demo staff the embedded default seeds outside production (server/staff/seed-demo-staff.ts). */
export const DEMO_ADMIN = { email: "admin@parlay.example", password: "parlay-demo-admin", totpSecret: "PARLAYDEMOADMINSECRETKEY23456777" };
export const DEMO_REVIEWER = { email: "reviewer@parlay.example", password: "parlay-demo-reviewer" };

const PERIOD_MS = 30_000;
// Claims live on disk, not in this process's memory: Playwright starts a fresh worker after a
// failed test, and a retry that forgot which step the failed attempt used was refused (CI, stop 21).
const CLAIMS_DIR = join(tmpdir(), "rtk-e2e-totp-steps");

/** Takes `step` for `secret` once across every worker and run: the file's exclusive create is the lock. */
function claimStep(secret: string, step: number): boolean {
  mkdirSync(CLAIMS_DIR, { recursive: true });
  // Steps more than a few minutes old can never be offered again: their files go.
  for (const old of readdirSync(CLAIMS_DIR)) if (Number(old.split("-")[1]) < step - 10) rmSync(join(CLAIMS_DIR, old), { force: true });
  const name = `${createHash("sha256").update(secret).digest("hex").slice(0, 16)}-${step}`;
  try {
    writeFileSync(join(CLAIMS_DIR, name), "", { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/**
 * A code the portal will accept for `secret`: each 30-second step works only once (no replay),
 * and the portal accepts the next step's code too. So a second sign-in in the same step uses the
 * next step's code, and only a third waits for the clock (up to 30 s: give such a test more time
 * with test.slow()). A step once used is remembered on disk, so a retried test in a new worker, or
 * a run right after another on the same database, never offers a spent code.
 */
export async function nextTotpCode(secret: string): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
  for (let step = Math.floor(Date.now() / PERIOD_MS); ; step++) {
    const current = Math.floor(Date.now() / PERIOD_MS);
    if (step < current) step = current;
    if (step > current + 1) {
      await new Promise((resolve) => setTimeout(resolve, (step - 1) * PERIOD_MS - Date.now() + 500));
    }
    if (claimStep(secret, step)) return totp.generate({ timestamp: step * PERIOD_MS + 1000 });
  }
}

/** Signs in through the real form (and the TOTP step when `totpSecret` is given); ends on /ops. */
export async function signInAsStaff(page: Page, who: { email: string; password: string; totpSecret?: string }): Promise<void> {
  await page.goto("/ops/login");
  await page.getByLabel("E-mail address").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (who.totpSecret) {
    await expect(page.getByRole("heading", { name: "Enter your authenticator code" })).toBeVisible();
    await page.getByLabel("6-digit code").fill(await nextTotpCode(who.totpSecret));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
  }
  await expect(page).toHaveURL(/\/ops$/);
}
