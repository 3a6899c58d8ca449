import { randomBytes } from "node:crypto";
import type { AppContext } from "../../../server/context";
import type { StaffRole } from "../../../server/staff/permissions.shared";
import { createStaffUser } from "../../../server/staff/create-staff-user";
import { enrolStaffTotp } from "../../../server/staff/enrol-staff-totp";
import { startStaffTotpEnrolment } from "../../../server/staff/start-staff-totp-enrolment";
import { buildTotp, TOTP_PERIOD_SECONDS } from "../../../server/staff/totp-codes";
import type { StaffUser } from "../../../server/staff/to-staff-user";

export const PASSWORD = "correct horse battery staple";

/** A fictional staff address on a reserved domain, unique per call. */
export function staffEmail(prefix = "staff"): string {
  return `${prefix}.${randomBytes(4).toString("hex")}@parlay.example`;
}

export function at(base: Date, seconds: number): Date {
  return new Date(base.getTime() + seconds * 1000);
}

/** The code an authenticator app shows at `when`, shifted by `steps` 30-second steps. */
export function codeAt(secret: string, when: Date, steps = 0): string {
  return buildTotp(secret).generate({ timestamp: when.getTime() + steps * TOTP_PERIOD_SECONDS * 1000 });
}

export async function createUser(ctx: AppContext, role: StaffRole = "reviewer", now = new Date()): Promise<StaffUser> {
  return createStaffUser(ctx, { email: staffEmail(role), name: "Sam Staff", role, password: PASSWORD, actor: { kind: "system" }, now });
}

/** A user with TOTP enrolled at `now`; returns the user and the secret their app holds. */
export async function createUserWithTotp(ctx: AppContext, role: StaffRole, now: Date): Promise<{ user: StaffUser; secret: string }> {
  const user = await createUser(ctx, role, now);
  const started = await startStaffTotpEnrolment(ctx, { userId: user.id, now });
  if (started.status !== "ready") throw new Error(`enrolment did not start: ${started.status}`);
  const enrolled = await enrolStaffTotp(ctx, { userId: user.id, code: codeAt(started.secret, now), now });
  if (enrolled.status !== "ok") throw new Error(`enrolment failed: ${enrolled.status}`);
  return { user: enrolled.user, secret: started.secret };
}
