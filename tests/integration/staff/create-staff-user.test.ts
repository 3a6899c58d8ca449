import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { isAppError } from "../../../server/lib/errors";
import { createStaffUser } from "../../../server/staff/create-staff-user";
import { generateTemporaryPassword } from "../../../server/staff/generate-temporary-password";
import { seedDemoStaff, DEMO_ADMIN } from "../../../server/staff/seed-demo-staff";
import { signInStaff } from "../../../server/staff/sign-in-staff";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext, createTestContext } from "../../support/test-context";
import { PASSWORD, staffEmail } from "./fixtures";

describe.each(testDialects())("staff accounts on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;

  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const rowFor = (id: string) => ctx.db.selectFrom("staff_users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("[SECURITY]: stores an argon2id hash, never the password, and a normalised e-mail", async () => {
    const email = staffEmail("Ana");
    const user = await createStaffUser(ctx, { email: `  ${email.toUpperCase()} `, name: " Ana Staff ", role: "reviewer", password: PASSWORD, actor: { kind: "system" } });
    const row = await rowFor(user.id);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
    expect(row.email).toBe(email.toLowerCase());
    expect(row.name).toBe("Ana Staff");
    expect(user).toMatchObject({ role: "reviewer", hasTotp: false, disabled: false });
    expect(user).not.toHaveProperty("password_hash");
  });

  it("[OPS]: refuses short passwords, bad e-mails, unknown roles and a taken e-mail, naming only the field", async () => {
    const base = { email: staffEmail(), name: "Bo", role: "reviewer" as const, password: PASSWORD, actor: { kind: "system" as const } };
    const fieldsOf = async (input: Parameters<typeof createStaffUser>[1]) => {
      try {
        await createStaffUser(ctx, input);
      } catch (error) {
        if (isAppError(error, "validation")) return error.details;
        throw error;
      }
      throw new Error("expected a validation error");
    };
    expect(await fieldsOf({ ...base, password: "eleven-char" })).toEqual({ fields: ["password"] });
    expect(await fieldsOf({ ...base, email: "not-an-email" })).toEqual({ fields: ["email"] });
    expect(await fieldsOf({ ...base, role: "owner" as never })).toEqual({ fields: ["role"] });
    await createStaffUser(ctx, base);
    expect(await fieldsOf({ ...base, email: base.email.toUpperCase() })).toEqual({ fields: ["email"], reason: "taken" });
  });

  it("[SECURITY]: generates temporary passwords long and random enough to pass the policy", () => {
    const seen = new Set(Array.from({ length: 50 }, () => generateTemporaryPassword()));
    expect(seen.size).toBe(50);
    for (const password of seen) expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){4}$/);
  });

  it("[OPS]: the audit trail records the new account by id and role only", async () => {
    const user = await createStaffUser(ctx, { email: staffEmail(), name: "Cy Staff", role: "admin", password: PASSWORD, actor: { kind: "system" } });
    const events = await ctx.db.selectFrom("audit_events").selectAll().where("action", "=", "staff.user_created").execute();
    const mine = events.find((e) => JSON.parse(e.details).userId === user.id);
    expect(JSON.parse(mine!.details)).toEqual({ role: "admin", userId: user.id });
  });

  it("[DEMO]: seeds a demo admin with TOTP and a reviewer only outside production and only into an empty table", async () => {
    const fresh = await dialect.create<Database>();
    try {
      const { migrateToLatest } = await import("../../../db/migrate");
      await migrateToLatest(fresh.db);
      const demoCtx = createTestContext(fresh);
      const info = await seedDemoStaff(demoCtx);
      expect(info?.admin).toEqual({ email: DEMO_ADMIN.email, password: DEMO_ADMIN.password, totpSecret: DEMO_ADMIN.totpSecret });
      expect(info?.reviewer?.email).toBe("reviewer@parlay.example");
      expect((await signInStaff(demoCtx, { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password })).status).toBe("needs_totp");
      expect((await signInStaff(demoCtx, { email: info!.reviewer!.email, password: info!.reviewer!.password })).status).toBe("signed_in");
      // A second start seeds nothing more and still prints the working credentials.
      await seedDemoStaff(demoCtx);
      expect(await demoCtx.db.selectFrom("staff_users").select("id").execute()).toHaveLength(2);
      const production = { ...demoCtx, env: { ...demoCtx.env, isProduction: true } };
      expect(await seedDemoStaff(production)).toBeNull();
    } finally {
      await fresh.cleanup();
    }
  });

  it("[DEMO]: seeds nothing when staff accounts already exist", async () => {
    const info = await seedDemoStaff(ctx);
    expect(info).toEqual({ admin: null, reviewer: null });
    const demo = await ctx.db.selectFrom("staff_users").select("id").where("email", "=", DEMO_ADMIN.email).executeTakeFirst();
    expect(demo).toBeUndefined();
  });
});
