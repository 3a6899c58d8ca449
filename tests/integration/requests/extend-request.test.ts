import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { AppError } from "../../../server/lib/errors";
import { createRequest } from "../../../server/requests/create-request";
import { extendRequest } from "../../../server/requests/extend-request";
import { listRequestEvents } from "../../../server/requests/request-events.repository";
import { transitionRequest } from "../../../server/requests/transition-request";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { backdatedRequestInput, createMigratedContext } from "../../support/test-context";

const STAFF = { kind: "staff" as const, id: "0000000000000000000000staf" };

async function refusal(promise: Promise<unknown>): Promise<{ code: string; reason?: unknown }> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return { code: (error as AppError).code, reason: (error as AppError).details.reason };
}

describe.each(testDialects())("extendRequest on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[OPS]: extends once with a reason and queues M-EXT; a second extension is refused (R9, X20)", async () => {
    const created = await createRequest(ctx, backdatedRequestInput(10));
    const result = await extendRequest(ctx, { requestId: created.id, actor: STAFF, reason: "Records are in an archive system", expectedVersion: 0 });
    expect(result).toEqual({ id: created.id, extendedDueDate: created.maxExtendedDueDate, version: 1 });
    const row = await t.db.selectFrom("requests").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: "received", due_date: created.dueDate, extended_due_date: created.maxExtendedDueDate, extension_reason: "Records are in an archive system" });
    const events = await listRequestEvents(t.db, created.id);
    expect(events.at(-1)).toMatchObject({ from_state: "received", to_state: "received", reason: "Records are in an archive system" });
    const audit = await t.db.selectFrom("audit_events").selectAll().where("request_id", "=", created.id).where("action", "=", "request.extended").execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toEqual({ dueDate: created.dueDate, extendedDueDate: created.maxExtendedDueDate });
    expect(await t.db.selectFrom("jobs").select("id").where("idempotency_key", "=", `send_mail:request_extended:${created.id}`).execute()).toHaveLength(1);

    expect(await refusal(extendRequest(ctx, { requestId: created.id, actor: STAFF, reason: "again" }))).toEqual({ code: "extension_refused", reason: "already_extended" });
    expect(await listRequestEvents(t.db, created.id)).toHaveLength(2);
  });

  it("[OPS]: refuses an extension after day 45, without a reason, by a non-staff actor, or after the response", async () => {
    const late = await createRequest(ctx, backdatedRequestInput(50));
    expect(await refusal(extendRequest(ctx, { requestId: late.id, actor: STAFF, reason: "too late" }))).toEqual({ code: "extension_refused", reason: "too_late" });

    const open = await createRequest(ctx, backdatedRequestInput(3));
    expect(await refusal(extendRequest(ctx, { requestId: open.id, actor: STAFF, reason: "   " }))).toEqual({ code: "extension_refused", reason: "reason_required" });
    expect((await refusal(extendRequest(ctx, { requestId: open.id, actor: { kind: "consumer" }, reason: "please" }))).code).toBe("forbidden");

    await transitionRequest(ctx, { requestId: open.id, to: "cancelled", actor: { kind: "consumer" } });
    expect((await refusal(extendRequest(ctx, { requestId: open.id, actor: STAFF, reason: "x" }))).code).toBe("illegal_transition");
    const rows = await t.db.selectFrom("requests").select("extended_due_date").where("id", "in", [late.id, open.id]).execute();
    expect(rows.every((r) => r.extended_due_date === null)).toBe(true);
  });
});
