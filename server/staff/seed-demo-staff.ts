import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { isAppError } from "../lib/errors";
import { SYSTEM_ACTOR } from "../requests/request-fields.shared";
import { createStaffUser } from "./create-staff-user";
import { normalizeStaffEmail } from "./normalize-staff-email";
import { countStaffUsers, findStaffUserByEmail, setTotpSecret } from "./staff-users.repository";
import { verifyStaffPassword } from "./verify-staff-password";

/**
 * The demo's staff accounts. Their passwords and the admin's TOTP secret are published (start
 * banner, README, e2e tests), so they exist only outside production.
 */
export const DEMO_ADMIN = {
  email: "admin@parlay.example",
  name: "Demo Admin",
  password: "parlay-demo-admin",
  /** Base32; add it to any authenticator app, or compute codes with otpauth in tests. */
  totpSecret: "PARLAYDEMOADMINSECRETKEY23456777",
} as const;
export const DEMO_REVIEWER = { email: "reviewer@parlay.example", name: "Demo Reviewer", password: "parlay-demo-reviewer" } as const;

export interface DemoStaffInfo {
  admin: { email: string; password: string; totpSecret: string } | null;
  reviewer: { email: string; password: string } | null;
}

/**
 * Outside production, when nobody has a staff account yet, creates a demo admin (with a fixed TOTP
 * secret) and a demo reviewer. Returns the credentials that still work, for the start banner:
 * an account whose password was changed, or that never was a demo account, is not printed.
 */
export async function seedDemoStaff(ctx: AppContext, input: { now?: Date } = {}): Promise<DemoStaffInfo | null> {
  if (ctx.env.isProduction) return null;
  const now = input.now ?? new Date();
  if ((await countStaffUsers(ctx.db)) === 0) {
    try {
      const admin = await createStaffUser(ctx, { ...DEMO_ADMIN, role: "admin", actor: SYSTEM_ACTOR, now });
      await setTotpSecret(ctx.db, { id: admin.id, secret: DEMO_ADMIN.totpSecret, now: toDbTime(now) });
      await createStaffUser(ctx, { ...DEMO_REVIEWER, role: "reviewer", actor: SYSTEM_ACTOR, now });
    } catch (error) {
      // Another process seeded them first.
      if (!isAppError(error, "validation")) throw error;
    }
  }
  const [admin, reviewer] = await Promise.all([
    findStaffUserByEmail(ctx.db, normalizeStaffEmail(DEMO_ADMIN.email)),
    findStaffUserByEmail(ctx.db, normalizeStaffEmail(DEMO_REVIEWER.email)),
  ]);
  const adminWorks = admin?.totp_secret === DEMO_ADMIN.totpSecret && (await verifyStaffPassword(admin.password_hash, DEMO_ADMIN.password));
  const reviewerWorks = reviewer !== undefined && (await verifyStaffPassword(reviewer.password_hash, DEMO_REVIEWER.password));
  return {
    admin: adminWorks ? { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, totpSecret: DEMO_ADMIN.totpSecret } : null,
    reviewer: reviewerWorks ? { email: DEMO_REVIEWER.email, password: DEMO_REVIEWER.password } : null,
  };
}
