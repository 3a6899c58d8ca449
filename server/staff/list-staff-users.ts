import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { SESSION_IDLE_MINUTES } from "./staff-policy";
import { countLiveStaffSessions } from "./staff-sessions.repository";
import { listStaffUserRows } from "./staff-users.repository";
import { toStaffUser, type StaffUser } from "./to-staff-user";

export interface StaffUserListItem extends StaffUser {
  /** Sessions that would let someone in right now; what "sign out everywhere" ends. */
  liveSessions: number;
}

/** Every staff account, admins first, for the admin's staff page. */
export async function listStaffUsers(ctx: AppContext, input: { now?: Date } = {}): Promise<StaffUserListItem[]> {
  const now = input.now ?? new Date();
  const [rows, live] = await Promise.all([
    listStaffUserRows(ctx.db),
    countLiveStaffSessions(ctx.db, { now: toDbTime(now), seenAfter: toDbTime(new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000)) }),
  ]);
  return rows.map((row) => ({ ...toStaffUser(row), liveSessions: live.get(row.id) ?? 0 }));
}
