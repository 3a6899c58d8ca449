import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRequestCode, sendRequestCode } from "../../../app/lib/consumer-codes.server";
import { loadConsumerRequest } from "../../../app/lib/consumer-request.server";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { readOutbox } from "../../../server/mail/read-outbox";
import { createRequest } from "../../../server/requests/create-request";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createTestContext } from "../../support/test-context";
import { codeIn, TEST_SESSION_SECRET, uniqueEmail } from "./fixtures";

// RESIDENCY_POLICY as a consumer meets it (R1, X12; ADR 016): the request form's answer, the code
// step as /verify drives it, and what the status page is given. The business's setting decides;
// residency is never proven and never matched.
describe.each(testDialects())("the residency policy on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let dataDir: string;
  const contexts: Record<"process" | "decline", { ctx: AppContext; page: AppLoadContext }> = {} as never;

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-residency-"));
    for (const policy of ["process", "decline"] as const) {
      // "process" is what an unset RESIDENCY_POLICY gives.
      const ctx = createTestContext(t, { DATA_DIR: dataDir, SESSION_SECRET: TEST_SESSION_SECRET, ...(policy === "decline" ? { RESIDENCY_POLICY: "decline" } : {}) });
      contexts[policy] = { ctx, page: { app: ctx, cspNonce: "" } as AppLoadContext };
    }
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A web request answered "No"/"Yes" to residency, its code sent and typed correctly in this browser. */
  async function requestAndEnterCode(policy: "process" | "decline", californiaResident: boolean, language: "en" | "es" = "en") {
    const { ctx, page } = contexts[policy];
    const email = uniqueEmail("res");
    const { id } = await createRequest(ctx, { type: "specific", channel: "web", language, californiaResident, subject: { name: "Ana Example", email }, actor: { kind: "consumer" } });
    const { pending } = await sendRequestCode(page, { requestId: id, uiLanguage: language });
    const mail = (await readOutbox(ctx.env, { limit: 500 })).find((m) => m.to === email);
    return { id, result: await checkRequestCode(page, pending, codeIn(mail?.text)) };
  }
  const row = (id: string) => t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const policyEvents = async (id: string) =>
    (await t.db.selectFrom("audit_events").select("details").where("request_id", "=", id).where("action", "=", "verification.residency_policy").execute()).map((e) => JSON.parse(e.details));

  it("[CONSUMER]: unset, a non-resident goes on to the data-point step like anyone else", async () => {
    const { id, result } = await requestAndEnterCode("process", false);
    expect(result).toMatchObject({ status: "ok", redirectTo: `/requests/${id}/confirm` });
    expect((await row(id)).state).not.toBe("denied");
  });

  it("[CONSUMER]: under decline, a non-resident is denied 'not a consumer' right after the code, told why, and mailed the reason (M-NOT-CONSUMER)", async () => {
    const { id, result } = await requestAndEnterCode("decline", false, "es");
    // No data points are asked for: none could change the answer.
    expect(result).toMatchObject({ status: "ok", redirectTo: `/requests/${id}` });
    const r = await row(id);
    expect([r.state, r.denial_reason, r.verification_level]).toEqual(["denied", "not_a_consumer", "none"]);
    // The log keeps the answer and the policy applied (7102(a)(2): denied as "not made by a consumer").
    expect(await policyEvents(id)).toEqual([{ californiaResident: false, policy: "decline" }]);
    expect(await t.db.selectFrom("verification_evidence").select("id").where("request_id", "=", id).execute()).toEqual([]);
    const mailJob = await t.db.selectFrom("jobs").select("kind").where("idempotency_key", "=", `send_mail:request_denied:${id}`).executeTakeFirst();
    expect(mailJob?.kind).toBe("send_mail");

    const view = await loadConsumerRequest(contexts.decline.page, id, "es");
    expect([view.state, view.denialReason, view.downloads]).toEqual(["denied", "not_a_consumer", null]);
    expect(view.denialText?.because).toContain("este proceso es para residentes de California");
  });

  it("[CONSUMER]: under decline, a resident is not affected", async () => {
    const { id, result } = await requestAndEnterCode("decline", true);
    expect(result).toMatchObject({ status: "ok", redirectTo: `/requests/${id}/confirm` });
    expect((await row(id)).state).not.toBe("denied");
    expect(await policyEvents(id)).toEqual([]);
  });
});
