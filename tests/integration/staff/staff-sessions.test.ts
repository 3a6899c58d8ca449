import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { isAppError } from "../../../server/lib/errors";
import { createStaffSession } from "../../../server/staff/create-staff-session";
import { disableStaffUser } from "../../../server/staff/disable-staff-user";
import { listStaffUsers } from "../../../server/staff/list-staff-users";
import { hasPermission, ROLE_PERMISSIONS, type Permission } from "../../../server/staff/permissions.shared";
import { readStaffSession } from "../../../server/staff/read-staff-session";
import { revokeStaffSessions } from "../../../server/staff/revoke-staff-sessions";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext } from "../../support/test-context";
import { at, createUser } from "./fixtures";

describe.each(testDialects())("staff sessions on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  const t0 = new Date("2026-12-01T08:00:00.000Z");

  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[SECURITY]: stores only the SHA-256 of the token and reads the session back with its user", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const session = await createStaffSession(ctx, { userId: user.id, now: t0 });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await ctx.db.selectFrom("staff_sessions").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.id).toBe(session.id);
    expect(row.id).not.toContain(session.token);
    expect(row.expires_at).toBe("2026-12-01 20:00:00.000");
    const read = await readStaffSession(ctx, { token: session.token, now: at(t0, 60) });
    expect(read).toMatchObject({ id: session.id, user: { id: user.id, role: "reviewer" } });
    expect(await readStaffSession(ctx, { token: "not-a-token", now: t0 })).toBeNull();
    expect(await readStaffSession(ctx, { token: "A".repeat(43), now: t0 })).toBeNull();
  });

  it("[SECURITY]: ends after 30 idle minutes, and use moves the idle deadline", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const idle = await createStaffSession(ctx, { userId: user.id, now: t0 });
    expect(await readStaffSession(ctx, { token: idle.token, now: at(t0, 29 * 60 + 59) })).not.toBeNull();
    const used = await createStaffSession(ctx, { userId: user.id, now: t0 });
    // Used every 20 minutes: alive after 1 hour; unused: gone at 30 minutes.
    for (const minute of [20, 40, 60]) expect(await readStaffSession(ctx, { token: used.token, now: at(t0, minute * 60) })).not.toBeNull();
    expect(await readStaffSession(ctx, { token: idle.token, now: at(t0, 60 * 60) })).toBeNull();
    expect(await readStaffSession(ctx, { token: used.token, now: at(t0, 60 * 60 + 30 * 60) })).toBeNull();
  });

  it("[SECURITY]: ends 12 hours after sign-in however busy", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const session = await createStaffSession(ctx, { userId: user.id, now: t0 });
    for (let minute = 20; minute < 12 * 60; minute += 20) {
      expect(await readStaffSession(ctx, { token: session.token, now: at(t0, minute * 60) })).not.toBeNull();
    }
    expect(await readStaffSession(ctx, { token: session.token, now: at(t0, 12 * 3600) })).toBeNull();
  });

  it("[SECURITY]: sign-out ends one session; revoking a user ends all of theirs; both are audited", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createStaffSession(ctx, { userId: user.id, now: t0 })));
    expect(await revokeStaffSessions(ctx, { token: a!.token, actorId: user.id, now: at(t0, 10) })).toBe(1);
    expect(await readStaffSession(ctx, { token: a!.token, now: at(t0, 11) })).toBeNull();
    expect(await readStaffSession(ctx, { token: b!.token, now: at(t0, 11) })).not.toBeNull();
    expect(await revokeStaffSessions(ctx, { userId: user.id, actorId: null, now: at(t0, 20) })).toBe(2);
    expect(await readStaffSession(ctx, { token: c!.token, now: at(t0, 21) })).toBeNull();
    expect(await revokeStaffSessions(ctx, { userId: user.id, actorId: null, now: at(t0, 30) })).toBe(0);
    const events = await ctx.db.selectFrom("audit_events").select(["action", "details"]).where("action", "like", "staff.s%").execute();
    expect(events.map((e) => [e.action, JSON.parse(e.details)])).toEqual(
      expect.arrayContaining([
        ["staff.signed_out", { count: 1 }],
        ["staff.sessions_revoked", { count: 2, userId: user.id }],
      ]),
    );
  });

  it("[SECURITY]: disabling a user ends their sessions at once, and admins cannot disable themselves", async () => {
    const admin = await createUser(ctx, "admin", t0);
    const user = await createUser(ctx, "reviewer", t0);
    const session = await createStaffSession(ctx, { userId: user.id, now: t0 });
    await disableStaffUser(ctx, { userId: user.id, actorId: admin.id, now: at(t0, 5) });
    expect(await readStaffSession(ctx, { token: session.token, now: at(t0, 6) })).toBeNull();
    const listed = (await listStaffUsers(ctx, { now: at(t0, 6) })).find((u) => u.id === user.id);
    expect(listed).toMatchObject({ disabled: true, liveSessions: 0 });
    await expect(disableStaffUser(ctx, { userId: admin.id, actorId: admin.id })).rejects.toSatisfy((e) => isAppError(e, "forbidden"));
    await expect(disableStaffUser(ctx, { userId: "missing", actorId: admin.id })).rejects.toSatisfy((e) => isAppError(e, "not_found"));
  });

  it("[SECURITY]: a reviewer lacks every admin permission; an admin has all of a reviewer's", async () => {
    const adminOnly: Permission[] = ["manage:staff:any", "manage:connector:any"];
    for (const permission of adminOnly) {
      expect(hasPermission("reviewer", permission)).toBe(false);
      expect(hasPermission("admin", permission)).toBe(true);
    }
    for (const permission of ROLE_PERMISSIONS.reviewer) expect(hasPermission("admin", permission)).toBe(true);
    for (const permission of ["review:request:any", "release:report:any", "deny:request:any", "extend:request:any", "view:audit:any", "export:metrics:any"] as const) {
      expect(hasPermission("reviewer", permission)).toBe(true);
    }
    // The role read back from a session decides, not anything the browser sends.
    const reviewer = await createUser(ctx, "reviewer", t0);
    const session = await createStaffSession(ctx, { userId: reviewer.id, now: t0 });
    const read = await readStaffSession(ctx, { token: session.token, now: t0 });
    expect(hasPermission(read!.user.role, "manage:staff:any")).toBe(false);
  });
});
