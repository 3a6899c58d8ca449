import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { signInStaff } from "../../../server/staff/sign-in-staff";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { createMigratedContext, createTestContext } from "../../support/test-context";
import { at, createUser, PASSWORD } from "./fixtures";

// Issue 16 item 5 (ADR 040): the account holder hears about a run of failed sign-ins once, by real
// SMTP, with nothing an outsider typed or forged in it, and the audit trail records each start.
describe.each(testDialects())("sign-in alert mail on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let sink: SmtpSink;
  const t0 = new Date("2026-12-01T09:00:00.000Z");

  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ t } = await createMigratedContext(dialect));
    ctx = createTestContext(t, { SMTP_URL: sink.url, PUBLIC_URL: "https://privacy.parlay.example" });
  });
  afterAll(async () => {
    await t?.cleanup();
    await sink?.close();
  });

  /** Fails `n` times from `ip`, each try when the previous wait is over; returns when it ends. */
  async function fail(email: string, ip: string, n: number, from: Date): Promise<Date> {
    let now = from;
    for (let i = 0; i < n; i += 1) {
      const result = await signInStaff(ctx, { email, password: "not the password", ip, now });
      expect(result.status).toBe("failed");
      now = at(now, (result.status === "failed" && result.retryAfterSeconds) || 1);
    }
    return now;
  }

  it("[SECURITY]: one mail per episode, however many tries and IPs; a sign-in ends the episode", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    let now = await fail(user.email, "198.51.100.70", 5, t0);
    const mail = await sink.next();
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(user.email);
    expect(mail.subject).toBe("Failed sign-ins to your Parlay account");
    expect(mail.text).toContain("At 2026-12-01 09:00 UTC, someone entered a wrong password or code 5 times");
    expect(mail.text).toContain("privacy operations account from the network address 198.51.100.70");
    expect(mail.text).toContain("https://privacy.parlay.example/ops/login");

    // More tries from the same IP, and a second IP starting its own wait: no second mail.
    now = await fail(user.email, "198.51.100.70", 5, now);
    now = await fail(user.email, "198.51.100.71", 5, now);
    await expect(sink.next(1000)).rejects.toThrow("no mail arrived");
    const starts = await t.db.selectFrom("audit_events").select(["actor_kind", "actor_id", "details"]).where("action", "=", "sign_in.throttle_started").orderBy("seq", "asc").execute();
    expect(starts.map((r) => [r.actor_kind, r.actor_id, JSON.parse(r.details)])).toEqual([
      ["staff", user.id, { failures: 5, waitSeconds: 60 }],
      ["staff", user.id, { failures: 5, waitSeconds: 60 }],
    ]);

    // The holder signs in (from their own IP): the next run of failures is a new episode.
    expect((await signInStaff(ctx, { email: user.email, password: PASSWORD, ip: "203.0.113.70", now })).status).toBe("signed_in");
    await fail(user.email, "198.51.100.72", 5, now);
    expect((await sink.next()).text).toContain("from the network address 198.51.100.72");
  });

  it("[SECURITY]: a forged client address never reaches the mail (ADR 034)", async () => {
    const user = await createUser(ctx, "reviewer", t0);
    // What a proxy may pass on from X-Forwarded-For: anything the client wrote.
    await fail(user.email, "evil.example\r\nBcc: victim@evil.example", 5, t0);
    const mail = await sink.next();
    expect(mail.text).toContain("account from one network address.");
    expect(mail.text).not.toMatch(/evil|Bcc/);
    expect(mail.bcc).toBeUndefined();
  });
});
