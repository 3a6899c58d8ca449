import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { acceptSignedMessage } from "../../../server/drp/accept-signed-message";
import { DrpError } from "../../../server/drp/drp-error";
import { parseEnv } from "../../../server/env";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { DrpAgentSimulator } from "../../support/drp-agent-simulator";
import { createMigratedContext } from "../../support/test-context";

const BUSINESS = "PARLAY_TEST_01";
const MINUTE = 60_000;

// Issue 16 item 8: messages issued up to 24 h ago were accepted. Now issued-at may be at most
// DRP_MESSAGE_MAX_AGE_SECONDS old (default 15 minutes) and expires-at at most 24 h ahead.
describe.each(testDialects())("signed DRP message windows on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  const agent = new DrpAgentSimulator("TEST_AA_WINDOWS_01");
  const verifyKey = agent.directoryEntry().verify_key!;

  beforeAll(async () => {
    ({ t, ctx } = await createMigratedContext(dialect));
    ctx = { ...ctx, env: { ...ctx.env, DRP_BUSINESS_ID: BUSINESS } };
  });
  afterAll(async () => t?.cleanup());

  const accept = (c: AppContext, issuedAt: number, expiresAt: number, now = Date.now()) =>
    acceptSignedMessage(c, {
      body: agent.sign({ ...agent.envelope(BUSINESS, { issuedAt: new Date(issuedAt), expiresAt: new Date(expiresAt) }), n: Math.random() }),
      agent: { drpAgentId: agent.id, verifyKey },
      now: new Date(now),
    }).then(
      () => "accepted",
      (e: unknown) => (e instanceof DrpError ? `${e.status}${e.fatal ? " fatal" : ""}: ${e.message}` : Promise.reject(e)),
    );

  it("[DRP]: issued-at older than 15 minutes is refused (fatal), however late expires-at is", async () => {
    const now = Date.now();
    expect(await accept(ctx, now - 14 * MINUTE, now + MINUTE)).toBe("accepted");
    expect(await accept(ctx, now - 16 * MINUTE, now + MINUTE)).toBe("403 fatal: The message was issued more than 900 seconds ago.");
    expect(await accept(ctx, now - 23 * 60 * MINUTE, now + 60 * MINUTE)).toMatch(/^403 fatal: The message was issued more than/);
  });

  it("[DRP]: expires-at more than 24 hours ahead is refused (fatal)", async () => {
    const now = Date.now();
    expect(await accept(ctx, now, now + 23 * 60 * MINUTE)).toBe("accepted");
    expect(await accept(ctx, now, now + 25 * 60 * MINUTE)).toBe("403 fatal: The expires-at claim is more than 24 hours ahead.");
  });

  it("[OPS]: DRP_MESSAGE_MAX_AGE_SECONDS sets the age, and the replay marker lasts no longer than it", async () => {
    const env = parseEnv({ NODE_ENV: "test", DRP_MESSAGE_MAX_AGE_SECONDS: "3600" });
    expect(env.DRP_MESSAGE_MAX_AGE_SECONDS).toBe(3600);
    expect(parseEnv({ NODE_ENV: "test" }).DRP_MESSAGE_MAX_AGE_SECONDS).toBe(900);
    expect(() => parseEnv({ NODE_ENV: "test", DRP_MESSAGE_MAX_AGE_SECONDS: "5" })).toThrow(/^Invalid setting DRP_MESSAGE_MAX_AGE_SECONDS/);
    await t.db.deleteFrom("drp_replays").execute();
    const hour = { ...ctx, env: { ...ctx.env, DRP_MESSAGE_MAX_AGE_SECONDS: 3600 } };
    const now = Date.now();
    expect(await accept(hour, now - 50 * MINUTE, now + 20 * 60 * MINUTE)).toBe("accepted");
    const marker = await t.db.selectFrom("drp_replays").select("expires_at").orderBy("expires_at", "desc").executeTakeFirstOrThrow();
    // issued-at + 1 h, not expires-at 20 h ahead.
    expect(new Date(`${marker.expires_at.replace(" ", "T")}Z`).getTime()).toBeLessThanOrEqual(now + 11 * MINUTE);
  });
});
