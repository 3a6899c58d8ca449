import { createHash } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commitConsumerSession, destroyConsumerSession, requireConsumerRequest } from "../../../app/lib/consumer-session.server";
import { assertCsrf, CSRF_FIELD, getCsrfToken } from "../../../app/lib/csrf.server";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { createConsumerSession } from "../../../server/sessions/create-consumer-session";
import { readConsumerSession } from "../../../server/sessions/read-consumer-session";
import { revokeConsumerSession } from "../../../server/sessions/revoke-consumer-session";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { createTestContext } from "../../support/test-context";
import { at, insertTestRequest, TEST_SESSION_SECRET } from "./fixtures";

/** "name=value" pairs of Set-Cookie headers, as a browser would send them back. */
function cookieHeader(...setCookies: (string | null)[]): string {
  return setCookies.filter((c): c is string => c !== null).map((c) => c.split(";")[0]).join("; ");
}

/** The same cookie with its last character changed: the signature no longer holds. */
function tamper(cookie: string): string {
  return cookie.slice(0, -1) + (cookie.endsWith("A") ? "B" : "A");
}

function formWith(token: string | null): FormData {
  const form = new FormData();
  if (token !== null) form.set(CSRF_FIELD, token);
  return form;
}

describe.each(testDialects())("consumer sessions on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let context: AppLoadContext;
  const t0 = new Date("2026-12-01T10:00:00.000Z");

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    ctx = createTestContext(t, { SESSION_SECRET: TEST_SESSION_SECRET });
    context = { app: ctx, cspNonce: "" } as AppLoadContext;
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it("[CONSUMER]: a session reads back its request until it expires two hours later", async () => {
    const requestId = await insertTestRequest(ctx.db);
    const session = await createConsumerSession(ctx, { requestId, now: t0 });
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await readConsumerSession(ctx, { token: session.token, now: at(t0, 7199) })).toEqual({
      id: session.id,
      requestId,
      expiresAt: new Date("2026-12-01T12:00:00.000Z"),
    });
    expect(await readConsumerSession(ctx, { token: session.token, now: at(t0, 7200) })).toBeNull();
  });

  it("[SECURITY]: stores only the SHA-256 of the token", async () => {
    const requestId = await insertTestRequest(ctx.db);
    const session = await createConsumerSession(ctx, { requestId, now: t0 });
    const row = await ctx.db.selectFrom("consumer_sessions").selectAll().where("request_id", "=", requestId).executeTakeFirstOrThrow();
    expect(row.id).toBe(createHash("sha256").update(session.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(session.token);
  });

  it("[SECURITY]: unknown, malformed and revoked tokens read as nothing", async () => {
    const requestId = await insertTestRequest(ctx.db);
    const one = await createConsumerSession(ctx, { requestId, now: t0 });
    const two = await createConsumerSession(ctx, { requestId, now: t0 });
    expect(await readConsumerSession(ctx, { token: "x".repeat(43), now: t0 })).toBeNull();
    expect(await readConsumerSession(ctx, { token: "not a token", now: t0 })).toBeNull();
    expect(await revokeConsumerSession(ctx, { token: one.token, now: at(t0, 1) })).toBe(1);
    expect(await readConsumerSession(ctx, { token: one.token, now: at(t0, 2) })).toBeNull();
    expect(await readConsumerSession(ctx, { token: two.token, now: at(t0, 2) })).not.toBeNull();
    // Sign out everywhere (e.g. a fraud hold, X11) ends the rest.
    expect(await revokeConsumerSession(ctx, { requestId, now: at(t0, 3) })).toBe(1);
    expect(await readConsumerSession(ctx, { token: two.token, now: at(t0, 4) })).toBeNull();
  });

  it("[SECURITY]: requireConsumerRequest lets the bound session in and answers 404 to everyone else (X10)", async () => {
    const mine = await insertTestRequest(ctx.db);
    const other = await insertTestRequest(ctx.db);
    const setCookie = await commitConsumerSession(context, { requestId: mine });
    expect(setCookie).toMatch(/^rtk_consumer=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/); // not production
    const withCookie = new Request("http://localhost/requests/x", { headers: { Cookie: cookieHeader(setCookie) } });

    expect((await requireConsumerRequest(withCookie, context, mine)).requestId).toBe(mine);
    // Settled together, so no rejection is left unobserved while an earlier one is awaited.
    const denials = await Promise.allSettled([
      requireConsumerRequest(withCookie, context, other),
      requireConsumerRequest(withCookie, context, "0000000000000000000000none"),
      requireConsumerRequest(withCookie, context, undefined),
      requireConsumerRequest(new Request("http://localhost/"), context, mine),
      requireConsumerRequest(new Request("http://localhost/", { headers: { Cookie: tamper(cookieHeader(setCookie)) } }), context, mine),
    ]);
    for (const denial of denials) {
      expect(denial.status).toBe("rejected");
      expect((denial as PromiseRejectedResult).reason).toMatchObject({ status: 404 });
    }

    const cleared = await destroyConsumerSession(withCookie, context);
    expect(cleared).toMatch(/Max-Age=0/);
    await expect(requireConsumerRequest(withCookie, context, mine)).rejects.toMatchObject({ status: 404 });
  });

  it("[SECURITY]: CSRF tokens work before sign-in (nonce cookie) and after (session), and nothing else passes", async () => {
    const anonymous = await getCsrfToken(new Request("http://localhost/verify"), context);
    expect(anonymous.setCookie).toMatch(/^rtk_csrf=.*HttpOnly/);
    const nonceCookie = cookieHeader(anonymous.setCookie);
    const post = (cookie: string) => new Request("http://localhost/verify", { method: "POST", headers: { Cookie: cookie } });

    await expect(assertCsrf(post(nonceCookie), context, formWith(anonymous.token))).resolves.toBeUndefined();
    await expect(assertCsrf(post(nonceCookie), context, formWith(null))).rejects.toMatchObject({ status: 403 });
    await expect(assertCsrf(post(nonceCookie), context, formWith("A".repeat(43)))).rejects.toMatchObject({ status: 403 });
    await expect(assertCsrf(post(""), context, formWith(anonymous.token))).rejects.toMatchObject({ status: 403 });

    const requestId = await insertTestRequest(ctx.db);
    const signedIn = `${nonceCookie}; ${cookieHeader(await commitConsumerSession(context, { requestId }))}`;
    const bound = await getCsrfToken(new Request("http://localhost/", { headers: { Cookie: signedIn } }), context);
    expect(bound.setCookie).toBeNull();
    expect(bound.token).not.toBe(anonymous.token);
    await expect(assertCsrf(post(signedIn), context, formWith(bound.token))).resolves.toBeUndefined();
    // A form rendered just before sign-in still posts.
    await expect(assertCsrf(post(signedIn), context, formWith(anonymous.token))).resolves.toBeUndefined();

    // Another visitor's session token is refused.
    const stranger = cookieHeader(await commitConsumerSession(context, { requestId }));
    await expect(assertCsrf(post(stranger), context, formWith(bound.token))).rejects.toMatchObject({ status: 403 });
  });
});
