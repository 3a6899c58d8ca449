import { emailAddress } from "../lib/email-address";
import { z } from "zod";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { isUniqueViolation } from "../lib/db-errors";
import { AppError } from "../lib/errors";
import { newId } from "../lib/ids";
import { runInWriteTransaction } from "../lib/transaction.repository";
import type { Actor } from "../requests/request-fields.shared";
import { hashStaffPassword } from "./hash-staff-password";
import { STAFF_ROLES } from "./permissions.shared";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./staff-policy";
import { insertStaffUser } from "./staff-users.repository";
import { toStaffUser, type StaffUser } from "./to-staff-user";

export const CreateStaffUserSchema = z.object({
  email: emailAddress(),
  name: z.string().trim().min(1).max(200),
  role: z.enum(STAFF_ROLES),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
});
export type CreateStaffUserInput = z.input<typeof CreateStaffUserSchema> & { actor: Actor; now?: Date };

/**
 * Creates a staff account with an argon2id password hash. Throws AppError "validation" with the
 * offending field names (never their values); an e-mail already in use is `fields: ["email"],
 * reason: "taken"` (only admins and the CLI call this, and they may know who has an account).
 * Admins get no TOTP here: they must enrol at their first sign-in (ADR 010).
 */
export async function createStaffUser(ctx: AppContext, input: CreateStaffUserInput): Promise<StaffUser> {
  const parsed = CreateStaffUserSchema.safeParse(input);
  if (!parsed.success) throw new AppError("validation", { fields: [...new Set(parsed.error.issues.map((i) => i.path.join(".")))] });
  const { email, name, role, password } = parsed.data;
  const now = input.now ?? new Date();
  const row = {
    id: newId(),
    email,
    name,
    role,
    password_hash: await hashStaffPassword(password),
    totp_secret: null,
    totp_pending_secret: null,
    totp_last_step: null,
    disabled_at: null,
    created_at: toDbTime(now),
    updated_at: toDbTime(now),
  };
  try {
    await runInWriteTransaction(ctx, async (tx) => {
      await insertStaffUser(tx.db, row);
      await recordAuditEvent(tx, { actor: input.actor, action: "staff.user_created", details: { userId: row.id, role }, now });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("validation", { fields: ["email"], reason: "taken" });
    throw error;
  }
  return toStaffUser(row);
}
