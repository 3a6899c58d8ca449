import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { buildMailJob } from "../../../server/jobs/job-payloads";
import { AppError } from "../../../server/lib/errors";
import { createRequest } from "../../../server/requests/create-request";
import { listRequestEvents } from "../../../server/requests/request-events.repository";
import type { Actor } from "../../../server/requests/request-fields.shared";
import type { RequestState } from "../../../server/requests/request-states.shared";
import { transitionRequest } from "../../../server/requests/transition-request";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createMigratedContext, sampleRequestInput } from "../../support/test-context";

const STAFF: Actor = { kind: "staff", id: "0000000000000000000000staf" };
const SYSTEM: Actor = { kind: "system" };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe.each(testDialects())("transitionRequest on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  const stateOf = async (id: string) => t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("[OPS]: walks the happy path with one event and one audit row per step, in order", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    const path: RequestState[] = ["awaiting_verification", "verified", "collecting", "in_review", "approved", "delivered"];
    for (const [i, to] of path.entries()) {
      const result = await transitionRequest(ctx, { requestId: id, to, actor: i < 2 ? SYSTEM : STAFF, expectedVersion: i });
      expect(result).toEqual({ id, state: to, version: i + 1 });
    }
    const row = await stateOf(id);
    expect(row).toMatchObject({ state: "delivered", version: 6, denial_reason: null });
    expect(row.completed_at).not.toBeNull();
    const events = await listRequestEvents(t.db, id);
    expect(events.map((e) => `${e.from_state}->${e.to_state}`)).toEqual([
      "null->received",
      "received->awaiting_verification",
      "awaiting_verification->verified",
      "verified->collecting",
      "collecting->in_review",
      "in_review->approved",
      "approved->delivered",
    ]);
    const times = events.map((e) => e.created_at);
    expect([...new Set(times)]).toEqual(times); // strictly increasing, never tied
    const audit = await t.db.selectFrom("audit_events").select("action").where("request_id", "=", id).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["request.received", ...path.map((s) => `request.${s}`)]);
  });

  it("[OPS]: refuses illegal edges and consumer decisions, changing nothing", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    expect(await codeOf(transitionRequest(ctx, { requestId: id, to: "approved", actor: STAFF }))).toBe("illegal_transition");
    expect(await codeOf(transitionRequest(ctx, { requestId: id, to: "denied", actor: { kind: "consumer" }, denialReason: "other", reason: "x" }))).toBe("illegal_transition");
    expect(await codeOf(transitionRequest(ctx, { requestId: id, to: "denied", actor: STAFF, reason: "no code" }))).toBe("denial_reason_required");
    expect(await codeOf(transitionRequest(ctx, { requestId: id, to: "denied", actor: STAFF, denialReason: "exempt" }))).toBe("reason_required");
    expect(await codeOf(transitionRequest(ctx, { requestId: "0000000000000000000000none", to: "verified", actor: STAFF }))).toBe("not_found");
    expect(await stateOf(id)).toMatchObject({ state: "received", version: 0 });
    expect(await listRequestEvents(t.db, id)).toHaveLength(1);
  });

  it("[OPS]: a denial records its code, its response date and queues the notice in the same transaction", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    await transitionRequest(ctx, { requestId: id, to: "denied", actor: STAFF, denialReason: "not_a_consumer", reason: "Lives in Oregon", jobs: [buildMailJob("request_denied", id)] });
    expect(await stateOf(id)).toMatchObject({ state: "denied", denial_reason: "not_a_consumer", version: 1 });
    const events = await listRequestEvents(t.db, id);
    expect(events.at(-1)).toMatchObject({ to_state: "denied", reason: "Lives in Oregon", actor_id: STAFF.id });
    const audit = await t.db.selectFrom("audit_events").select("details").where("request_id", "=", id).where("action", "=", "request.denied").executeTakeFirstOrThrow();
    expect(audit.details).not.toContain("Oregon"); // free text stays out of the audit trail
    expect(await t.db.selectFrom("jobs").select("id").where("idempotency_key", "=", `send_mail:request_denied:${id}`).execute()).toHaveLength(1);
    expect(await codeOf(transitionRequest(ctx, { requestId: id, to: "cancelled", actor: STAFF, reason: "late" }))).toBe("illegal_transition");
  });

  it("[OPS]: a failing follow-up job rolls the whole transition back", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    const auditBefore = await t.db.selectFrom("audit_events").select("id").execute();
    const bad = { kind: "no_such_kind", payload: {}, idempotencyKey: `x:${id}` };
    expect(await codeOf(transitionRequest(ctx, { requestId: id, to: "awaiting_verification", actor: SYSTEM, jobs: [bad] }))).toBe("unknown_job_kind");
    expect(await stateOf(id)).toMatchObject({ state: "received", version: 0 });
    expect(await listRequestEvents(t.db, id)).toHaveLength(1);
    expect(await t.db.selectFrom("audit_events").select("id").execute()).toHaveLength(auditBefore.length);
  });

  it("[OPS]: a stale version is a conflict, and of two racing writers exactly one wins", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    await transitionRequest(ctx, { requestId: id, to: "awaiting_verification", actor: SYSTEM, expectedVersion: 0 });
    expect(await codeOf(transitionRequest(ctx, { requestId: id, to: "verified", actor: SYSTEM, expectedVersion: 0 }))).toBe("conflict");

    const race = await Promise.allSettled([
      transitionRequest(ctx, { requestId: id, to: "verified", actor: SYSTEM, expectedVersion: 1 }),
      transitionRequest(ctx, { requestId: id, to: "cancelled", actor: { kind: "consumer" }, expectedVersion: 1 }),
    ]);
    expect(race.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = race.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((loser.reason as AppError).code).toBe("conflict");
    const row = await stateOf(id);
    expect(row.version).toBe(2);
    expect(await listRequestEvents(t.db, id)).toHaveLength(3);
  });
});
