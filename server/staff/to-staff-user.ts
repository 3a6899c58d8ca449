import { fromDbTime } from "../lib/clock";
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
  /** Set while sign-in is paused after repeated failures. */
  lockedUntil: Date | null;
}

/**
 * Maps a row to a StaffUser. An unknown role in the database is an error, not a reviewer: guessing
 * would grant permissions nobody assigned.
 */
export function toStaffUser(row: StaffUserRow, now: Date = new Date()): StaffUser {
  if (!isStaffRole(row.role)) throw new Error(`staff user ${row.id} has an unknown role`);
  const lockedUntil = row.locked_until ? fromDbTime(row.locked_until) : null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    hasTotp: row.totp_secret !== null,
    disabled: row.disabled_at !== null,
    lockedUntil: lockedUntil && lockedUntil > now ? lockedUntil : null,
  };
}
