import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { matchDataPoints } from "../../../server/verification/match-data-points";
import { recordVerificationEvidence } from "../../../server/verification/record-verification-evidence";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createTestContext } from "../../support/test-context";
import { insertTestRequest, TEST_SESSION_SECRET } from "./fixtures";

describe.each(testDialects())("verification evidence on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  const t0 = new Date("2026-12-01T10:00:00.000Z");

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    ctx = createTestContext(t, { SESSION_SECRET: TEST_SESSION_SECRET });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[OPS]: keeps matched point names, the level and the signed declaration, never the values (R16)", async () => {
    const email = "zoe.lukasiewicz@example.test";
    const requestId = await insertTestRequest(ctx.db, { type: "specific", subject_email: email });
    const match = matchDataPoints(
      { requestType: "specific", email, emailVerified: true, declarationSigned: true, phone: "(415) 555-0101", fullName: "Zoë Łukasiewicz" },
      { email, phone: "+14155550101", fullName: "zoe lukasiewicz" },
    );
    expect(match.level).toBe("reasonably_high");
    const { id } = await recordVerificationEvidence(ctx, {
      requestId,
      matchedPoints: match.matched,
      level: match.level,
      declaration: { typedName: "Zoë Łukasiewicz", signedAt: t0, ip: "203.0.113.7" },
      now: t0,
    });

    const row = await ctx.db.selectFrom("verification_evidence").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.matched_points)).toEqual(["email", "phone", "fullName"]);
    expect(row).toMatchObject({ level: "reasonably_high", declaration_name: "Zoë Łukasiewicz", declaration_at: "2026-12-01 10:00:00.000", declaration_ip: "203.0.113.7" });
    expect(row.matched_points).not.toContain("4155550101");
    expect(row.matched_points).not.toContain("@");

    const audit = await ctx.db.selectFrom("audit_events").selectAll().where("request_id", "=", requestId).executeTakeFirstOrThrow();
    expect(audit.action).toBe("verification.evidence_recorded");
    expect(JSON.parse(audit.details)).toMatchObject({ level: "reasonably_high", matchedPoints: "email.phone.fullName", matchedCount: 3, declaration: true });
    expect(audit.details).not.toContain("ukasiewicz");
  });

  it("[SECURITY]: refuses anything but point names, naming the field and not the value", async () => {
    const requestId = await insertTestRequest(ctx.db);
    const attempt = recordVerificationEvidence(ctx, { requestId, matchedPoints: ["email", "+14155550101" as never], level: "reasonable" });
    await expect(attempt).rejects.toMatchObject({ code: "validation", details: { fields: ["matchedPoints.1"] } });
    const error: unknown = await attempt.catch((e: unknown) => e);
    expect(`${(error as Error).message} ${JSON.stringify((error as { details?: unknown }).details)}`).not.toContain("4155550101");
    expect(await ctx.db.selectFrom("verification_evidence").selectAll().where("request_id", "=", requestId).execute()).toEqual([]);
  });

  it("[OPS]: records an unverifiable outcome without a declaration", async () => {
    const requestId = await insertTestRequest(ctx.db);
    const { id } = await recordVerificationEvidence(ctx, { requestId, matchedPoints: ["email"], level: "none", now: t0 });
    const row = await ctx.db.selectFrom("verification_evidence").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ level: "none", declaration_name: null, declaration_at: null, declaration_ip: null });
  });
});
