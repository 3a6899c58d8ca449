import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import type { Database } from "../../../db/schema";
import { verifyAuditChain } from "../../../server/audit/verify-audit-chain";
import type { AppContext } from "../../../server/context";
import { createRequest } from "../../../server/requests/create-request";
import { listRequestEvents, type RequestEventRow } from "../../../server/requests/request-events.repository";
import { REQUEST_STATES, type RequestState } from "../../../server/requests/request-states.shared";
import { transitionRequest } from "../../../server/requests/transition-request";
import type { TestDatabase } from "../../support/dialects";
import { createMigratedContext, createTestContext, durableDialects, sampleRequestInput } from "../../support/test-context";

const STAFF = { kind: "staff" as const, id: "0000000000000000000000staf" };
const TO_APPROVED: RequestState[] = ["awaiting_verification", "verified", "collecting", "in_review", "approved"];

// The steps from "received" to each state.
const PATHS: Record<RequestState, RequestState[]> = {
  received: [],
  awaiting_verification: ["awaiting_verification"],
  verified: ["awaiting_verification", "verified"],
  collecting: ["awaiting_verification", "verified", "collecting"],
  in_review: ["awaiting_verification", "verified", "collecting", "in_review"],
  approved: TO_APPROVED,
  delivered: [...TO_APPROVED, "delivered"],
  expired: [...TO_APPROVED, "delivered", "expired"],
  denied: ["awaiting_verification", "denied"],
  cancelled: ["cancelled"],
};

describe.each(durableDialects())("requests survive a restart on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let reopened: Kysely<Database> | undefined;
  const before = new Map<string, { state: RequestState; version: number; events: RequestEventRow[] }>();

  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
  });
  afterAll(async () => {
    await reopened?.destroy();
    await t?.cleanup();
  });

  it("[OPS]: every state, with its full history, is still there after the database is closed and reopened", async () => {
    expect(Object.keys(PATHS).sort()).toEqual([...REQUEST_STATES].sort());
    for (const state of REQUEST_STATES) {
      const { id } = await createRequest(ctx, sampleRequestInput());
      for (const to of PATHS[state]) {
        await transitionRequest(ctx, { requestId: id, to, actor: STAFF, denialReason: to === "denied" ? "unverifiable" : undefined, reason: "Recorded for the test" });
      }
      before.set(id, { state, version: PATHS[state].length, events: await listRequestEvents(t.db, id) });
    }

    // "Restart": drop every connection, then open the same database again from its URL.
    await t.db.destroy();
    reopened = openDb<Database>(t.url).db;
    ctx = createTestContext({ ...t, db: reopened });

    for (const [id, expected] of before) {
      const row = await reopened.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      expect({ state: row.state, version: row.version }).toEqual({ state: expected.state, version: expected.version });
      const events = await listRequestEvents(reopened, id);
      expect(events).toEqual(expected.events);
      expect(events.map((e) => e.to_state)).toEqual(["received", ...PATHS[expected.state]]);
    }
    expect(await verifyAuditChain(ctx)).toMatchObject({ ok: true });
  });
});
