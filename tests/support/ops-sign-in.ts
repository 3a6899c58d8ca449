import { expect, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";

/** The demo staff the embedded default seeds outside production (server/staff/seed-demo-staff.ts). */
export const DEMO_ADMIN = { email: "admin@parlay.example", password: "parlay-demo-admin", totpSecret: "PARLAYDEMOADMINSECRETKEY23456777" };
export const DEMO_REVIEWER = { email: "reviewer@parlay.example", password: "parlay-demo-reviewer" };

const PERIOD_MS = 30_000;
const lastStepUsed = new Map<string, number>();

/**
 * A code the portal will accept for `secret`: each 30-second step works only once (no replay),
 * and the portal accepts the next step's code too. So a second sign-in in the same step uses the
 * next step's code, and only a third waits for the clock (up to 30 s: give such a test more time
 * with test.slow()). The memory is per worker process; a database reused from a run less than a
 * minute ago may still refuse the first code.
 */
export async function nextTotpCode(secret: string): Promise<string> {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
  const used = lastStepUsed.get(secret) ?? -1;
  let step = Math.max(Math.floor(Date.now() / PERIOD_MS), used + 1);
  const current = Math.floor(Date.now() / PERIOD_MS);
  if (step > current + 1) {
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * PERIOD_MS - Date.now() + 500));
  }
  step = Math.max(step, Math.floor(Date.now() / PERIOD_MS));
  lastStepUsed.set(secret, step);
  return totp.generate({ timestamp: step * PERIOD_MS + 1000 });
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
