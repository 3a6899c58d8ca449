import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { issueDownloadLink } from "../../../server/delivery/issue-download-link";
import { toDbTime } from "../../../server/lib/clock";
import { denyRequest } from "../../../server/ops/deny-request";
import { getRequestForOps } from "../../../server/ops/get-request-for-ops";
import { recordIntake, type IntakeFormValues } from "../../../server/ops/record-intake";
import { resendReadyNotice } from "../../../server/ops/resend-ready-notice";
import { createRequest } from "../../../server/requests/create-request";
import { extendRequest } from "../../../server/requests/extend-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import { recordVerificationEvidence } from "../../../server/verification/record-verification-evidence";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { backdatedRequestInput, createMigratedContext, sampleRequestInput } from "../../support/test-context";

const STAFF_ID = "0000000000000000000000staf";
const AGENT_ID = "0000000000000000000000agnt";
const SYSTEM = { kind: "system" as const };

async function jobKeys(t: TestDatabase<Database>, requestId: string): Promise<string[]> {
  const rows = await t.db.selectFrom("jobs").select("idempotency_key").where("idempotency_key", "like", `%${requestId}%`).orderBy("idempotency_key").execute();
  return rows.map((r) => r.idempotency_key);
}

describe.each(testDialects())("ops request actions on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[OPS]: the request view carries evidence names, agent and authorization metadata, timeline and what may be done", async () => {
    const created = await createRequest(ctx, sampleRequestInput({ type: "specific", channel: "agent", agentId: AGENT_ID, actor: { kind: "agent", id: AGENT_ID } }));
    const now = toDbTime(new Date());
    await t.db.insertInto("agents").values({ id: AGENT_ID, kind: "business", name: "Privacy Helpers LLC", email: "ops@helpers.example", sos_number: "C1234567", password_hash: null, totp_secret: null, email_verified_at: now, drp_agent_id: null, drp_verify_key: null, status: "active", created_at: now, updated_at: now }).execute();
    await t.db.insertInto("authorizations").values({ id: "000000000000000000000auth1", request_id: created.id, agent_id: AGENT_ID, kind: "signed_permission", storage_key: "secret/key", mime_type: "application/pdf", size_bytes: 48_000, sha256: "a".repeat(64), consumer_confirmed_at: now, consumer_refused_at: null, created_at: now }).execute();
    await recordVerificationEvidence(ctx, { requestId: created.id, matchedPoints: ["email", "phone"], level: "reasonable" });
    await transitionRequest(ctx, { requestId: created.id, to: "awaiting_verification", actor: SYSTEM });

    const { request, actions } = await getRequestForOps(ctx, { requestId: created.id, staffId: STAFF_ID });
    expect(request).toMatchObject({ id: created.id, state: "awaiting_verification", dueDate: created.dueDate, maxExtendedDueDate: created.maxExtendedDueDate, version: 1 });
    expect(request.agent).toEqual({ name: "Privacy Helpers LLC", kind: "business", status: "active", sosNumber: "C1234567" });
    expect(request.authorizations).toEqual([expect.objectContaining({ kind: "signed_permission", mimeType: "application/pdf", sizeBytes: 48_000 })]);
    expect(JSON.stringify(request.authorizations)).not.toContain("secret/key");
    expect(request.evidence).toEqual([expect.objectContaining({ matchedPoints: ["email", "phone"], level: "reasonable", declarationName: null })]);
    expect(request.events.map((e) => [e.fromState, e.toState, e.actorKind])).toEqual([
      [null, "received", "agent"],
      ["received", "awaiting_verification", "system"],
    ]);
    expect(actions).toEqual({ canDeny: true, extension: { possible: true, newDueDate: created.maxExtendedDueDate }, canResendNotice: false });
  });

  it("[OPS]: denying queues M-UNV for 'unverifiable' and the denial notice otherwise, in the same transaction (R10, R36)", async () => {
    const unverified = await createRequest(ctx, backdatedRequestInput(20));
    const notConsumer = await createRequest(ctx, backdatedRequestInput(5));
    await denyRequest(ctx, { requestId: unverified.id, staffId: STAFF_ID, denialReason: "unverifiable", reason: "No reply to three code e-mails", expectedVersion: 0 });
    await denyRequest(ctx, { requestId: notConsumer.id, staffId: STAFF_ID, denialReason: "not_a_consumer", reason: "Said they live in Oregon", expectedVersion: 0 });
    expect(await jobKeys(t, unverified.id)).toContain(`send_mail:request_denied_unverified:${unverified.id}`);
    expect(await jobKeys(t, unverified.id)).not.toContain(`send_mail:request_denied:${unverified.id}`);
    expect(await jobKeys(t, notConsumer.id)).toContain(`send_mail:request_denied:${notConsumer.id}`);
    const row = await t.db.selectFrom("requests").select(["state", "denial_reason", "completed_at"]).where("id", "=", notConsumer.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: "denied", denial_reason: "not_a_consumer" });
    expect(row.completed_at).not.toBeNull();
    const { request, actions } = await getRequestForOps(ctx, { requestId: notConsumer.id, staffId: STAFF_ID });
    expect(request.events.at(-1)).toMatchObject({ toState: "denied", actorKind: "staff", reason: "Said they live in Oregon" });
    expect(actions).toEqual({ canDeny: false, extension: { possible: false, why: "answered" }, canResendNotice: false });
  });

  it("[OPS]: a denial on a stale page is a conflict and changes nothing; a blank reason is refused", async () => {
    const created = await createRequest(ctx, backdatedRequestInput(3));
    await extendRequest(ctx, { requestId: created.id, actor: { kind: "staff", id: STAFF_ID }, reason: "Archive restore" });
    await expect(denyRequest(ctx, { requestId: created.id, staffId: STAFF_ID, denialReason: "exempt", reason: "Legal hold", expectedVersion: 0 })).rejects.toMatchObject({ code: "conflict" });
    await expect(denyRequest(ctx, { requestId: created.id, staffId: STAFF_ID, denialReason: "other", reason: "  ", expectedVersion: 1 })).rejects.toMatchObject({ code: "reason_required" });
    await expect(denyRequest(ctx, { requestId: created.id, staffId: STAFF_ID, denialReason: "agent_unauthorized" as never, reason: "x", expectedVersion: 1 })).rejects.toMatchObject({ code: "validation" });
    const row = await t.db.selectFrom("requests").select(["state", "version"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "received", version: 1 });
    const { actions } = await getRequestForOps(ctx, { requestId: created.id, staffId: STAFF_ID });
    expect(actions.extension).toEqual({ possible: false, why: "already_extended" });
  });

  it("[OPS]: past day 45 the page offers no extension, with the reason (X20)", async () => {
    const late = await createRequest(ctx, backdatedRequestInput(46));
    expect((await getRequestForOps(ctx, { requestId: late.id, staffId: STAFF_ID })).actions.extension).toEqual({ possible: false, why: "too_late" });
  });

  it("[OPS]: resending for a delivered request revokes live links and queues a fresh ready notice each time", async () => {
    const created = await createRequest(ctx, backdatedRequestInput(10));
    await expect(resendReadyNotice(ctx, { requestId: created.id, staffId: STAFF_ID })).rejects.toMatchObject({ code: "illegal_transition" });
    for (const to of ["awaiting_verification", "verified", "collecting", "approved", "delivered"] as const) await transitionRequest(ctx, { requestId: created.id, to, actor: SYSTEM });
    await issueDownloadLink(ctx, { requestId: created.id, format: null, requester: { kind: "consumer", sessionId: "s".repeat(64) }, now: new Date() });
    expect((await getRequestForOps(ctx, { requestId: created.id, staffId: STAFF_ID })).actions.canResendNotice).toBe(true);

    expect(await resendReadyNotice(ctx, { requestId: created.id, staffId: STAFF_ID })).toEqual({ revoked: 1, noticeQueued: true });
    const keys = () => jobKeys(t, created.id).then((all) => all.filter((k) => k.startsWith(`send_mail:report_ready:${created.id}:`)));
    expect(await keys()).toHaveLength(1);
    const live = await t.db.selectFrom("download_links").select("id").where("request_id", "=", created.id).where("revoked_at", "is", null).execute();
    expect(live).toHaveLength(0);
    // A second resend is another deliberate notice: queued again, under its own occurrence.
    expect(await resendReadyNotice(ctx, { requestId: created.id, staffId: STAFF_ID })).toEqual({ revoked: 0, noticeQueued: true });
    expect(await keys()).toHaveLength(2);
    const audit = await t.db.selectFrom("audit_events").select("details").where("request_id", "=", created.id).where("action", "=", "delivery.notice_resent").orderBy("seq").execute();
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([
      { noticeQueued: true, revokedLinks: 1 },
      { noticeQueued: true, revokedLinks: 0 },
    ]);
  });

  describe("intake of a phone, mail or e-mail request", () => {
    const form = (overrides: IntakeFormValues = {}): IntakeFormValues => ({
      channel: "phone",
      receivedDate: "2026-03-02",
      receivedTime: "09:15",
      type: "categories",
      period: "12_months",
      language: "es",
      californiaResident: "yes",
      name: "Pat Caller",
      email: " Pat.Caller@Example.test ",
      phone: "(415) 555-0100",
      ...overrides,
    });
    const now = new Date("2026-03-20T12:00:00Z");

    it("[OPS]: records the real receipt time given in Pacific time, and queues the confirmation (R4, R7, X16)", async () => {
      const result = await recordIntake(ctx, { staffId: STAFF_ID, form: form(), now });
      expect(result.ok).toBe(true);
      const id = (result as { requestId: string }).requestId;
      const row = await t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      // 09:15 PST (UTC-8) on 2026-03-02; the due date is receipt + 44 (ccpa-requirements §5 example).
      expect(row).toMatchObject({ channel: "phone", received_at: "2026-03-02 17:15:00.000", receipt_date: "2026-03-02", due_date: "2026-04-15", language: "es", subject_email: "pat.caller@example.test", subject_phone: "(415) 555-0100", california_resident: 1 });
      expect(await jobKeys(t, id)).toEqual([`send_mail:request_received:${id}`]);
      const events = await t.db.selectFrom("request_events").select(["actor_kind", "actor_id"]).where("request_id", "=", id).execute();
      expect(events).toEqual([{ actor_kind: "staff", actor_id: STAFF_ID }]);
    });

    it("[OPS]: an unknown time of day is the start of the day; summer time is UTC-7", async () => {
      const result = await recordIntake(ctx, { staffId: STAFF_ID, form: form({ channel: "mail", receivedDate: "2026-03-16", receivedTime: "", californiaResident: "not_asked", phone: "" }), now });
      const row = await t.db.selectFrom("requests").selectAll().where("id", "=", (result as { requestId: string }).requestId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ received_at: "2026-03-16 07:00:00.000", receipt_date: "2026-03-16", subject_phone: null, california_resident: null });
    });

    it("[OPS]: names each wrong field, keeps nothing, and refuses a receipt in the future or in a skipped hour", async () => {
      const count = async () => Number((await t.db.selectFrom("requests").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
      const before = await count();
      expect(await recordIntake(ctx, { staffId: STAFF_ID, form: form({ channel: "web", receivedDate: "2026-02-30", name: " ", email: "not-an-address", phone: "call me", californiaResident: "" }), now })).toEqual({
        ok: false,
        errors: { channel: "required", receivedDate: "invalid", name: "required", email: "invalid", phone: "invalid", californiaResident: "required" },
      });
      expect(await recordIntake(ctx, { staffId: STAFF_ID, form: form({ receivedDate: "2026-03-20", receivedTime: "23:00" }), now })).toEqual({ ok: false, errors: { receivedDate: "future" } });
      expect(await recordIntake(ctx, { staffId: STAFF_ID, form: form({ receivedDate: "2026-03-08", receivedTime: "02:30" }), now })).toEqual({ ok: false, errors: { receivedTime: "nonexistent_time" } });
      expect(await recordIntake(ctx, { staffId: STAFF_ID, form: form({ receivedDate: "2019-12-31" }), now })).toEqual({ ok: false, errors: { receivedDate: "too_early" } });
      expect(await recordIntake(ctx, { staffId: STAFF_ID, form: form({ receivedTime: "9am" }), now })).toEqual({ ok: false, errors: { receivedTime: "invalid" } });
      expect(await count()).toBe(before);
    });
  });
});
