import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { getRunnableJob } from "../../../server/jobs/registry";
import { calendarDateIn } from "../../../server/lib/calendar-date";
import { classifyDue } from "../../../server/requests/classify-due";
import { RECEIPT_TIME_ZONE } from "../../../server/requests/deadlines.shared";
import { createRequest } from "../../../server/requests/create-request";
import { extendRequest } from "../../../server/requests/extend-request";
import { listRequestEvents } from "../../../server/requests/request-events.repository";
import { transitionRequest } from "../../../server/requests/transition-request";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { backdatedRequestInput, createMigratedContext } from "../../support/test-context";

const SYSTEM = { kind: "system" as const };

async function runSweep(ctx: AppContext, kind: string): Promise<void> {
  const handler = await getRunnableJob(kind)!.loadHandler();
  await handler(ctx, { bucket: "2026-01-01T00:00:00.000Z" }, { jobId: "sweep", attempts: 1, signal: new AbortController().signal });
}

describe.each(testDialects())("periodic sweeps on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const row = (id: string) => t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const mailJobs = (id: string) => t.db.selectFrom("jobs").select("idempotency_key").where("idempotency_key", "=", `send_mail:request_denied_unverified:${id}`).execute();

  it("[CONSUMER]: still unverified after the due date → denied unverifiable with the M-UNV notice, once (X19, 7021(b))", async () => {
    const received = await createRequest(ctx, backdatedRequestInput(60));
    const awaiting = await createRequest(ctx, backdatedRequestInput(60, { type: "specific" }));
    await transitionRequest(ctx, { requestId: awaiting.id, to: "awaiting_verification", actor: SYSTEM });
    const verified = await createRequest(ctx, backdatedRequestInput(60));
    await transitionRequest(ctx, { requestId: verified.id, to: "verified", actor: SYSTEM });
    // Extended on day 11 to receipt + 89: not due yet, so not denied.
    const extended = await createRequest(ctx, backdatedRequestInput(60));
    await extendRequest(ctx, { requestId: extended.id, actor: { kind: "staff" }, reason: "Archive", now: new Date(Date.now() - 50 * 86_400_000) });
    const fresh = await createRequest(ctx, backdatedRequestInput(2));

    await runSweep(ctx, "deny_unverified_overdue");

    expect(await row(received.id)).toMatchObject({ state: "denied", denial_reason: "unverifiable" });
    expect(await row(awaiting.id)).toMatchObject({ state: "denied", denial_reason: "unverifiable" });
    expect((await listRequestEvents(t.db, awaiting.id)).at(-1)).toMatchObject({ from_state: "awaiting_verification", to_state: "denied", actor_kind: "system" });
    expect(await mailJobs(received.id)).toEqual([{ idempotency_key: `send_mail:request_denied_unverified:${received.id}` }]);
    expect(await mailJobs(awaiting.id)).toEqual([{ idempotency_key: `send_mail:request_denied_unverified:${awaiting.id}` }]);
    for (const id of [verified.id, extended.id, fresh.id]) {
      expect((await row(id)).state).not.toBe("denied");
      expect(await mailJobs(id)).toEqual([]);
    }

    await runSweep(ctx, "deny_unverified_overdue"); // idempotent
    expect(await listRequestEvents(t.db, received.id)).toHaveLength(2);
    expect(await mailJobs(received.id)).toHaveLength(1);
  });

  it("[OPS]: open requests due within 7 days get one deadline.reminder audit row per day (R8, R42)", async () => {
    const dueSoon = await createRequest(ctx, backdatedRequestInput(40)); // 4 days left
    const notSoon = await createRequest(ctx, backdatedRequestInput(5));
    const answered = await createRequest(ctx, backdatedRequestInput(40));
    await transitionRequest(ctx, { requestId: answered.id, to: "cancelled", actor: { kind: "consumer" } });

    await runSweep(ctx, "deadline_reminders");
    await runSweep(ctx, "deadline_reminders");

    const reminders = await t.db.selectFrom("audit_events").select(["request_id", "details"]).where("action", "=", "deadline.reminder").execute();
    const forDueSoon = reminders.filter((r) => r.request_id === dueSoon.id);
    expect(forDueSoon).toHaveLength(1);
    const expected = classifyDue({ dueDate: dueSoon.dueDate, today: calendarDateIn(new Date(), RECEIPT_TIME_ZONE) });
    expect(expected.status).toBe("due_soon");
    expect(JSON.parse(forDueSoon[0]!.details)).toMatchObject({ dueDate: dueSoon.dueDate, ...expected, once: expect.any(String) });
    expect(reminders.some((r) => r.request_id === notSoon.id || r.request_id === answered.id)).toBe(false);
  });
});
