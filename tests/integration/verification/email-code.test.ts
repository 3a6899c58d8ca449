import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { checkEmailCode } from "../../../server/verification/check-email-code";
import { consumeRateLimit } from "../../../server/verification/consume-rate-limit";
import { issueEmailCode } from "../../../server/verification/issue-email-code";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { createTestContext } from "../../support/test-context";
import { at, codeIn, insertTestRequest, TEST_SESSION_SECRET, uniqueEmail } from "./fixtures";

describe.each(testDialects())("e-mail verification codes on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let sink: SmtpSink;
  const t0 = new Date("2026-12-01T10:00:00.000Z");

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    sink = await startSmtpSink();
    ctx = createTestContext(t, { SMTP_URL: sink.url, SESSION_SECRET: TEST_SESSION_SECRET });
  });
  afterAll(async () => {
    await sink?.close();
    await t?.cleanup();
  });

  /** A fresh request and a code for it, read from the real SMTP sink. */
  async function requestWithCode(now = t0, extra: { bindTo?: string } = {}): Promise<{ requestId: string; email: string; code: string }> {
    const email = uniqueEmail();
    const requestId = await insertTestRequest(ctx.db, { subject_email: email });
    const result = await issueEmailCode(ctx, { requestId, email, language: "en", now, ...extra });
    expect(result.status).toBe("sent");
    const mail = await sink.next();
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(email);
    return { requestId, email, code: codeIn(mail.text) };
  }

  const challenges = (requestId: string) => ctx.db.selectFrom("verification_challenges").selectAll().where("request_id", "=", requestId).execute();

  it("[CONSUMER]: should receive a six-digit code by real SMTP and verify with it exactly once (X8)", async () => {
    const { requestId, code } = await requestWithCode();
    expect(code).toMatch(/^\d{6}$/);
    expect(await checkEmailCode(ctx, { requestId, code, now: at(t0, 30) })).toEqual({ status: "ok" });
    expect(await checkEmailCode(ctx, { requestId, code, now: at(t0, 31) })).toEqual({ status: "used" });
    const [row] = await challenges(requestId);
    expect(row!.consumed_at).toBe("2026-12-01 10:00:30.000");
  });

  it("[CONSUMER]: should get the mail in Spanish when the request is in Spanish", async () => {
    const email = uniqueEmail();
    const requestId = await insertTestRequest(ctx.db, { subject_email: email, language: "es" });
    await issueEmailCode(ctx, { requestId, email, language: "es", now: t0, businessName: "Parlay" });
    const mail = await sink.next();
    expect(mail.subject).toBe("Su código de verificación de Parlay");
    expect(mail.text).toContain("vence en 10 minutos");
  });

  it("[SECURITY]: stores only a keyed hash that never equals or contains the code", async () => {
    const { requestId, code } = await requestWithCode();
    const [row] = await challenges(requestId);
    expect(row!.code_hash).toMatch(/^h1\$[A-Za-z0-9_-]{22}\$[0-9a-f]{64}$/);
    expect(row!.code_hash).not.toContain(code);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row!.expires_at).toBe("2026-12-01 10:10:00.000");
  });

  it("[SECURITY]: locks the code after 5 wrong tries, even against the right code", async () => {
    const { requestId, code } = await requestWithCode();
    const wrong = code === "000000" ? "111111" : "000000";
    const left: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const result = await checkEmailCode(ctx, { requestId, code: wrong, now: at(t0, 10 + i) });
      expect(result.status).toBe("wrong");
      if (result.status === "wrong") left.push(result.triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    expect(await checkEmailCode(ctx, { requestId, code, now: at(t0, 20) })).toEqual({ status: "locked" });
    expect((await challenges(requestId))[0]!.attempts).toBe(5);
  });

  it("[SECURITY]: the right code on the fifth try still works", async () => {
    const { requestId, code } = await requestWithCode();
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i += 1) await checkEmailCode(ctx, { requestId, code: wrong, now: at(t0, 10 + i) });
    expect(await checkEmailCode(ctx, { requestId, code, now: at(t0, 20) })).toEqual({ status: "ok" });
  });

  it("[SECURITY]: 10 parallel wrong guesses never count more than 5 attempts", async () => {
    const { requestId, code } = await requestWithCode();
    const wrong = code === "000000" ? "111111" : "000000";
    const results = await Promise.all(Array.from({ length: 10 }, () => checkEmailCode(ctx, { requestId, code: wrong, now: at(t0, 10) })));
    expect(results.filter((r) => r.status === "wrong")).toHaveLength(5);
    expect(results.filter((r) => r.status === "locked")).toHaveLength(5);
    expect((await challenges(requestId))[0]!.attempts).toBe(5);
    expect(await checkEmailCode(ctx, { requestId, code, now: at(t0, 11) })).toEqual({ status: "locked" });
  });

  it("[SECURITY]: a code is expired from the tenth minute on (X8)", async () => {
    const first = await requestWithCode();
    expect(await checkEmailCode(ctx, { requestId: first.requestId, code: first.code, now: at(t0, 599) })).toEqual({ status: "ok" });
    const second = await requestWithCode();
    expect(await checkEmailCode(ctx, { requestId: second.requestId, code: second.code, now: at(t0, 600) })).toEqual({ status: "expired" });
  });

  it("[CONSUMER]: a new code ends the old one", async () => {
    const { requestId, email, code: oldCode } = await requestWithCode();
    expect((await issueEmailCode(ctx, { requestId, email, language: "en", now: at(t0, 61) })).status).toBe("sent");
    const newCode = codeIn((await sink.next()).text);
    if (newCode !== oldCode) {
      expect(await checkEmailCode(ctx, { requestId, code: oldCode, now: at(t0, 62) })).toMatchObject({ status: "wrong" });
    }
    expect(await checkEmailCode(ctx, { requestId, code: newCode, now: at(t0, 63) })).toEqual({ status: "ok" });
    const rows = await challenges(requestId);
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.expires_at > "2026-12-01 10:01:01.000")).toHaveLength(1);
  });

  it("[SECURITY]: throttles resends to one a minute and five an hour per request", async () => {
    const { requestId, email } = await requestWithCode();
    expect(await issueEmailCode(ctx, { requestId, email, language: "en", now: at(t0, 10) })).toEqual({ status: "throttled", retryAfterSeconds: 50 });
    for (const s of [60, 120, 180, 240]) {
      expect((await issueEmailCode(ctx, { requestId, email, language: "en", now: at(t0, s) })).status).toBe("sent");
      await sink.next();
    }
    expect(await issueEmailCode(ctx, { requestId, email, language: "en", now: at(t0, 300) })).toEqual({ status: "throttled", retryAfterSeconds: 3300 });
  });

  it("[SECURITY]: throttles codes to one address across requests", async () => {
    const email = uniqueEmail();
    const a = await insertTestRequest(ctx.db, { subject_email: email });
    const b = await insertTestRequest(ctx.db, { subject_email: email });
    expect((await issueEmailCode(ctx, { requestId: a, email, language: "en", now: t0 })).status).toBe("sent");
    await sink.next();
    expect(await issueEmailCode(ctx, { requestId: b, email, language: "en", now: at(t0, 5) })).toEqual({ status: "throttled", retryAfterSeconds: 55 });
  });

  it("[SECURITY]: throttles one client IP cycling through requests and addresses (X3)", async () => {
    const ip = "203.0.113.9";
    for (let i = 0; i < 30; i += 1) {
      expect((await consumeRateLimit(ctx, { rules: [{ key: `issue-code:ip:${ip}`, windows: [{ seconds: 3600, max: 30 }] }], now: t0 })).allowed).toBe(true);
    }
    const email = uniqueEmail();
    const requestId = await insertTestRequest(ctx.db, { subject_email: email });
    expect(await issueEmailCode(ctx, { requestId, email, language: "en", clientIp: ip, now: at(t0, 1) })).toEqual({ status: "throttled", retryAfterSeconds: 3599 });
    // The refused attempt left the request's own allowance untouched.
    expect((await issueEmailCode(ctx, { requestId, email, language: "en", now: at(t0, 2) })).status).toBe("sent");
    await sink.next();
  });

  it("[SECURITY]: an address that is not the request's gets the same answer and no mail (X25)", async () => {
    const requestId = await insertTestRequest(ctx.db);
    const before = sink.messages.length;
    const result = await issueEmailCode(ctx, { requestId, email: uniqueEmail("mallory"), language: "en", now: t0 });
    expect(result).toEqual({ status: "sent", expiresAt: "2026-12-01 10:10:00.000" });
    const unknown = await issueEmailCode(ctx, { requestId: "0000000000000000000000none", email: uniqueEmail(), language: "en", now: t0 });
    expect(unknown).toEqual(result);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.messages.length).toBe(before);
    expect(await challenges(requestId)).toHaveLength(0);
    expect(await checkEmailCode(ctx, { requestId, code: "123456", now: t0 })).toEqual({ status: "none" });
  });

  it("[SECURITY]: naming someone's address with made-up request ids does not use up their allowance", async () => {
    const email = uniqueEmail("victim");
    for (const fake of ["0000000000000000000000fak1", "0000000000000000000000fak2", "0000000000000000000000fak3"]) {
      expect((await issueEmailCode(ctx, { requestId: fake, email, language: "en", now: t0 })).status).toBe("sent");
    }
    const requestId = await insertTestRequest(ctx.db, { subject_email: email });
    expect((await issueEmailCode(ctx, { requestId, email, language: "en", now: at(t0, 1) })).status).toBe("sent");
    expect(codeIn((await sink.next()).text)).toMatch(/^\d{6}$/);
  });

  it("[SECURITY]: a code bound to one browser does not work from another (X8)", async () => {
    const browser = "browser-nonce-aaaaaaaaaaaaaaaa";
    const { requestId, code } = await requestWithCode(t0, { bindTo: browser });
    expect(await checkEmailCode(ctx, { requestId, code, bindTo: "browser-nonce-bbbbbbbbbbbbbbbb", now: at(t0, 5) })).toMatchObject({ status: "wrong" });
    expect(await checkEmailCode(ctx, { requestId, code, now: at(t0, 6) })).toMatchObject({ status: "wrong" });
    expect(await checkEmailCode(ctx, { requestId, code, bindTo: browser, now: at(t0, 7) })).toEqual({ status: "ok" });
  });

  it("[OPS]: when the mail server is down, says failed and leaves no usable code", async () => {
    const down = createTestContext(t, { SMTP_URL: "smtp://127.0.0.1:9", SESSION_SECRET: TEST_SESSION_SECRET });
    const email = uniqueEmail();
    const requestId = await insertTestRequest(ctx.db, { subject_email: email });
    expect(await issueEmailCode(down, { requestId, email, language: "en", now: t0 })).toEqual({ status: "failed" });
    const [row] = await challenges(requestId);
    expect(row!.expires_at).toBe("2026-12-01 10:00:00.000");
  });

  it("[SECURITY]: refuses malformed input without echoing it", async () => {
    await expect(issueEmailCode(ctx, { requestId: "not-an-id", email: "ana@example.test", language: "en" })).rejects.toMatchObject({
      code: "validation",
      message: "validation",
      details: { fields: ["requestId"] },
    });
  });
});
