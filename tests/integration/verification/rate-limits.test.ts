import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { consumeRateLimit, type RateLimitRule } from "../../../server/verification/consume-rate-limit";
import { keyedHash } from "../../../server/sessions/session-secret";
import { purgeRateLimitHits } from "../../../server/verification/purge-rate-limit-hits";
import type { TestDatabase } from "../../support/dialects";
import { createTestContext, durableDialects } from "../../support/test-context";
import { at, TEST_SESSION_SECRET, uniqueEmail } from "./fixtures";

// Two "instances": two connection pools (two SQLite connections to one file, or two mysql2 pools)
// on the same database, each with its own context, as two web processes would have.
describe.each(durableDialects())("database rate limits on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let second: DbHandle<Database>;
  let a: AppContext;
  let b: AppContext;
  const t0 = new Date("2026-12-01T10:00:00.000Z");

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    second = openDb<Database>(t.url);
    a = createTestContext(t, { SESSION_SECRET: TEST_SESSION_SECRET });
    b = createTestContext({ db: second.db, dialect: second.dialect, url: t.url }, { SESSION_SECRET: TEST_SESSION_SECRET });
  });
  afterAll(async () => {
    await second?.db.destroy();
    await t?.cleanup();
  });

  const rule = (key: string, windows: RateLimitRule["windows"]): RateLimitRule[] => [{ key, windows }];

  it("[SECURITY]: holds one limit across two instances sharing the database", async () => {
    const rules = rule(`test:email:${uniqueEmail()}`, [{ seconds: 60, max: 3 }]);
    const outcomes = [];
    for (const [i, ctx] of [a, b, a, b, a].entries()) outcomes.push((await consumeRateLimit(ctx, { rules, now: at(t0, i) })).allowed);
    expect(outcomes).toEqual([true, true, true, false, false]);
    expect(await consumeRateLimit(b, { rules, now: at(t0, 5) })).toEqual({ allowed: false, retryAfterSeconds: 55 });
  });

  it("[SECURITY]: 20 concurrent attempts on two instances get exactly the limit", async () => {
    const key = `test:race:${uniqueEmail()}`;
    const rules = rule(key, [{ seconds: 60, max: 5 }]);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => consumeRateLimit(i % 2 ? a : b, { rules, now: t0 })));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.filter((r) => !r.allowed)).toEqual(Array(15).fill({ allowed: false, retryAfterSeconds: 60 }));
    const row = await a.db.selectFrom("rate_limit_hits").selectAll().where("bucket", "=", keyedHash(a.env, "rate-limit-bucket", key)).executeTakeFirstOrThrow();
    expect(row.hits).toBe(5);
  });

  it("[CONSUMER]: counts per whole window and says how long to wait", async () => {
    const rules = rule(`test:window:${uniqueEmail()}`, [{ seconds: 60, max: 2 }]);
    expect((await consumeRateLimit(a, { rules, now: t0 })).allowed).toBe(true);
    expect((await consumeRateLimit(b, { rules, now: at(t0, 20) })).allowed).toBe(true);
    expect(await consumeRateLimit(a, { rules, now: at(t0, 30) })).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(await consumeRateLimit(b, { rules, now: at(t0, 60) })).toEqual({ allowed: true });
  });

  it("[CONSUMER]: a refused attempt does not use up the longer allowance, and the wait is the longest full window", async () => {
    const rules = rule(`test:tiers:${uniqueEmail()}`, [{ seconds: 60, max: 1 }, { seconds: 3600, max: 3 }]);
    expect((await consumeRateLimit(a, { rules, now: t0 })).allowed).toBe(true);
    for (let s = 1; s <= 5; s += 1) expect(await consumeRateLimit(b, { rules, now: at(t0, s) })).toEqual({ allowed: false, retryAfterSeconds: 60 - s });
    expect((await consumeRateLimit(a, { rules, now: at(t0, 60) })).allowed).toBe(true);
    expect((await consumeRateLimit(b, { rules, now: at(t0, 120) })).allowed).toBe(true);
    expect(await consumeRateLimit(a, { rules, now: at(t0, 180) })).toEqual({ allowed: false, retryAfterSeconds: 3420 });
    // The minute taken at 180 s was given back: at 181 s only the hour refuses.
    expect(await consumeRateLimit(b, { rules, now: at(t0, 181) })).toEqual({ allowed: false, retryAfterSeconds: 3419 });
  });

  it("[SECURITY]: when one of several rules refuses, none of them counts the attempt", async () => {
    const email = uniqueEmail();
    const byEmail: RateLimitRule = { key: `test:multi:email:${email}`, windows: [{ seconds: 60, max: 1 }] };
    const first: RateLimitRule = { key: `test:multi:request:1:${email}`, windows: [{ seconds: 60, max: 1 }] };
    const other: RateLimitRule = { key: `test:multi:request:2:${email}`, windows: [{ seconds: 60, max: 1 }] };
    expect((await consumeRateLimit(a, { rules: [first, byEmail], now: t0 })).allowed).toBe(true);
    expect((await consumeRateLimit(b, { rules: [other, byEmail], now: at(t0, 1) })).allowed).toBe(false);
    // The refused attempt gave its hit back, so the other request's own limit is untouched.
    expect((await consumeRateLimit(a, { rules: [other], now: at(t0, 2) })).allowed).toBe(true);
  });

  it("[SECURITY]: stores a keyed hash of the key, never the address or its plain SHA-256", async () => {
    const email = uniqueEmail("zoe");
    const key = `issue-code:email:${email}`;
    await consumeRateLimit(a, { rules: rule(key, [{ seconds: 60, max: 1 }]), now: at(t0, 500) });
    const bucket = keyedHash(a.env, "rate-limit-bucket", key);
    const rows = await a.db.selectFrom("rate_limit_hits").selectAll().where("bucket", "=", bucket).execute();
    expect(rows).toEqual([{ bucket, window_seconds: 60, window_start: "2026-12-01 10:08:00.000", hits: 1, expires_at: "2026-12-01 10:09:00.000" }]);
    expect(bucket).toMatch(/^[0-9a-f]{64}$/);
    expect(bucket).not.toBe(createHash("sha256").update(key).digest("hex"));
    const all = await a.db.selectFrom("rate_limit_hits").selectAll().execute();
    expect(JSON.stringify(all)).not.toContain(email);
  });

  it("[OPS]: purges only windows that have ended", async () => {
    const key = `test:purge:${uniqueEmail()}`;
    await consumeRateLimit(a, { rules: rule(key, [{ seconds: 60, max: 5 }, { seconds: 3600, max: 5 }]), now: at(t0, 7200) });
    const deleted = await purgeRateLimitHits(b, { now: at(t0, 7290) });
    expect(deleted).toBeGreaterThan(0);
    const left = await a.db.selectFrom("rate_limit_hits").select(["bucket", "window_seconds"]).execute();
    expect(left).toEqual([{ bucket: keyedHash(a.env, "rate-limit-bucket", key), window_seconds: 3600 }]);
  });
});
