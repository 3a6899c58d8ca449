import { isStaffRole, type StaffRole } from "./permissions.shared";
import type { StaffUserRow } from "./staff-users.repository";

/** A staff account as services and the UI see it: no password hash, no TOTP secret. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  hasTotp: boolean;
  disabled: boolean;
}

/**
 * Maps a row to a StaffUser. An unknown role in the database is an error, not a reviewer: guessing
 * would grant permissions nobody assigned.
 */
export function toStaffUser(row: StaffUserRow): StaffUser {
  if (!isStaffRole(row.role)) throw new Error(`staff user ${row.id} has an unknown role`);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    hasTotp: row.totp_secret !== null,
    disabled: row.disabled_at !== null,
  };
}
