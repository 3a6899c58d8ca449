import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRequestCode, sendRequestCode } from "../../../app/lib/consumer-codes.server";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { readOutbox } from "../../../server/mail/read-outbox";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createTestContext } from "../../support/test-context";
import { at, codeIn, insertTestRequest, TEST_SESSION_SECRET, uniqueEmail } from "./fixtures";

// The code step as the /request, /verify and /requests/:id routes drive it, with a controllable
// clock: the e2e suite cannot wait 10 minutes for a code to expire, so expiry is covered here.
describe.each(testDialects())("the consumer code step on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let context: AppLoadContext;
  let dataDir: string;
  const t0 = new Date("2026-12-01T10:00:30.000Z");

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-code-step-"));
    ctx = createTestContext(t, { DATA_DIR: dataDir, SESSION_SECRET: TEST_SESSION_SECRET });
    context = { app: ctx, cspNonce: "" } as AppLoadContext;
  });
  afterAll(async () => {
    await t?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const mailsTo = async (to: string) => (await readOutbox(ctx.env, { limit: 500 })).filter((m) => m.to === to);

  async function started(overrides: Parameters<typeof insertTestRequest>[1] = {}, now = t0) {
    const email = uniqueEmail();
    const requestId = await insertTestRequest(ctx.db, { subject_email: email, ...overrides });
    const { pending, setCookie } = await sendRequestCode(context, { requestId, uiLanguage: "en", now });
    const [mail] = await mailsTo(email);
    return { requestId, email, pending, setCookie, code: codeIn(mail?.text) };
  }

  it("[CONSUMER]: mails the code to the request's own address in the request's language, and keeps PII out of the cookie", async () => {
    const { pending, setCookie, email } = await started({ language: "es" });
    expect(pending).toMatchObject({ notice: "sent", waitUntil: at(t0, 30).getTime() });
    expect((await mailsTo(email))[0]!.subject).toBe("Su código de verificación de Parlay");
    const cookieValue = decodeURIComponent(setCookie.split(";")[0]!.split("=")[1]!);
    expect(Buffer.from(cookieValue.split(".")[0]!, "base64").toString("utf8")).not.toContain("@");
  });

  it("[CONSUMER]: a code entered after its 10 minutes says expired, and a new code is needed (X8)", async () => {
    const { pending, code } = await started();
    expect(await checkRequestCode(context, pending, code, at(t0, 600))).toEqual({ status: "expired" });
  });

  it("[CONSUMER]: the right code opens a session and leads a new request to the confirm step, a decided one to its status", async () => {
    const fresh = await started();
    const ok = await checkRequestCode(context, fresh.pending, ` ${fresh.code.slice(0, 3)} ${fresh.code.slice(3)} `, at(t0, 30));
    expect(ok).toMatchObject({ status: "ok", redirectTo: `/requests/${fresh.requestId}/confirm` });
    const cookies = ok.status === "ok" ? ok.headers.getSetCookie() : [];
    expect(cookies.map((c) => c.split("=")[0])).toEqual(["rtk_consumer", "rtk_pending"]);

    const decided = await started({ state: "collecting", verification_level: "reasonable" });
    expect(await checkRequestCode(context, decided.pending, decided.code, at(t0, 30))).toMatchObject({ status: "ok", redirectTo: `/requests/${decided.requestId}` });
  });

  it("[SECURITY]: a code only works with the browser binding it was sent for (X8)", async () => {
    const { pending, code } = await started();
    expect(await checkRequestCode(context, { ...pending, bind: "x".repeat(43) }, code, at(t0, 30))).toEqual({ status: "wrong", triesLeft: 4 });
    expect((await checkRequestCode(context, pending, code, at(t0, 31))).status).toBe("ok");
  });

  it("[SECURITY]: the fifth wrong try reads as locked, and malformed input never reaches the check", async () => {
    const { pending, code } = await started();
    expect(await checkRequestCode(context, pending, "12ab56", at(t0, 1))).toEqual({ status: "format" });
    for (let i = 4; i >= 1; i -= 1) expect(await checkRequestCode(context, pending, "000000", at(t0, 2))).toEqual({ status: "wrong", triesLeft: i });
    expect(await checkRequestCode(context, pending, "000000", at(t0, 3))).toEqual({ status: "locked" });
    expect(await checkRequestCode(context, pending, code, at(t0, 4))).toEqual({ status: "locked" });
  });

  it("[SECURITY]: a made-up request id gets the same answer and sends no mail (X10)", async () => {
    const before = (await readOutbox(ctx.env, { limit: 500 })).length;
    const { pending } = await sendRequestCode(context, { requestId: "z".repeat(26), uiLanguage: "en", now: t0 });
    expect(pending).toMatchObject({ requestId: "z".repeat(26), notice: "sent", waitUntil: at(t0, 30).getTime() });
    expect((await readOutbox(ctx.env, { limit: 500 })).length).toBe(before);
  });

  it("[CONSUMER]: asking again within the minute is refused with the wait, and the binding is kept", async () => {
    const { requestId, pending } = await started();
    const again = await sendRequestCode(context, { requestId, uiLanguage: "en", bind: pending.bind, now: at(t0, 10) });
    expect(again.pending).toMatchObject({ notice: "throttled", bind: pending.bind, waitUntil: at(t0, 30).getTime() });
  });
});
