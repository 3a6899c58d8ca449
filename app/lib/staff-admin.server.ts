import type { AppLoadContext } from "@remix-run/node";
import { isAppError } from "../../server/lib/errors";
import { createStaffUser } from "../../server/staff/create-staff-user";
import { disableStaffUser } from "../../server/staff/disable-staff-user";
import { generateTemporaryPassword } from "../../server/staff/generate-temporary-password";
import { listStaffUsers, type StaffUserListItem } from "../../server/staff/list-staff-users";
import { requiresTotp, type StaffRole } from "../../server/staff/permissions.shared";
import { revokeStaffSessions } from "../../server/staff/revoke-staff-sessions";
import type { SignedInStaff } from "./staff-session.server";

/** A staff row as the admin page shows it. */
export type StaffListRow = StaffUserListItem;

// Every function here expects the caller to have passed requireStaff(..., "manage:staff:any").

export async function listStaffForAdmin(context: AppLoadContext): Promise<StaffListRow[]> {
  return listStaffUsers(context.app);
}

export type CreateStaffOutcome =
  | { ok: true; email: string; role: StaffRole; temporaryPassword: string; mustEnrolTotp: boolean }
  | { ok: false; fields: string[]; taken: boolean };

/** Creates an account with a generated password, returned once for the admin to hand over. */
export async function createStaffForAdmin(
  context: AppLoadContext,
  admin: SignedInStaff,
  input: { email: string; name: string; role: string },
): Promise<CreateStaffOutcome> {
  const temporaryPassword = generateTemporaryPassword();
  try {
    const user = await createStaffUser(context.app, {
      email: input.email,
      name: input.name,
      role: input.role as StaffRole,
      password: temporaryPassword,
      actor: { kind: "staff", id: admin.user.id },
    });
    return { ok: true, email: user.email, role: user.role, temporaryPassword, mustEnrolTotp: requiresTotp(user.role) };
  } catch (error) {
    if (!isAppError(error, "validation")) throw error;
    const fields = Array.isArray(error.details.fields) ? error.details.fields : [];
    return { ok: false, fields, taken: error.details.reason === "taken" };
  }
}

/** Returns false when the target is the admin themselves (refused) or unknown. */
export async function disableStaffForAdmin(context: AppLoadContext, admin: SignedInStaff, userId: string): Promise<boolean> {
  try {
    await disableStaffUser(context.app, { userId, actorId: admin.user.id });
    return true;
  } catch (error) {
    if (isAppError(error, "forbidden") || isAppError(error, "not_found")) return false;
    throw error;
  }
}

/** Signs a user out everywhere; returns how many sessions ended. */
export async function revokeStaffForAdmin(context: AppLoadContext, admin: SignedInStaff, userId: string): Promise<number> {
  return revokeStaffSessions(context.app, { userId, actorId: admin.user.id });
}
