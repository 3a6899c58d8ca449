import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "../../../server/context";
import { issueDownloadLink } from "../../../server/delivery/issue-download-link";
import { reissueDownloadLink } from "../../../server/delivery/reissue-download-link";
import { resolveDownloadLink } from "../../../server/delivery/resolve-download-link";
import { testDialects } from "../../support/dialects";
import { createHarness, inDays, insertRequest, type DeliveryHarness } from "./fixtures";

const sessionId = (): string => randomBytes(32).toString("hex");

describe.each(testDialects())("download links on $name", (dialect) => {
  let h: DeliveryHarness;
  let ctx: AppContext;
  const now = new Date("2026-12-01T10:00:00.000Z");
  beforeAll(async () => {
    h = await createHarness(dialect);
    ctx = h.context({ DOWNLOAD_LINK_DAYS: 7 });
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  const linkRow = (id: string) =>
    ctx.db.selectFrom("download_links").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  it("[CONSUMER]: should open for the bound session within the window, and record the use", async () => {
    const requestId = await insertRequest(ctx.db);
    const session = sessionId();
    const link = await issueDownloadLink(ctx, { requestId, format: null, requester: { kind: "consumer", sessionId: session }, now });
    expect(link.expiresAt).toBe("2026-12-08 10:00:00.000");

    const later = inDays(6, now);
    const result = await resolveDownloadLink(ctx, { token: link.token, requester: { kind: "consumer", sessionId: session }, format: "pdf", now: later });
    expect(result).toEqual({ status: "ok", link: { id: link.id, requestId, format: null } });
    const row = await linkRow(link.id);
    expect(row.last_used_at).toBe("2026-12-07 10:00:00.000");
  });

  it("[SECURITY]: stores only the SHA-256 of the token, never the token", async () => {
    const requestId = await insertRequest(ctx.db);
    const link = await issueDownloadLink(ctx, { requestId, format: "json", requester: { kind: "consumer", sessionId: sessionId() }, now });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.id).toBe(createHash("sha256").update(link.token).digest("hex"));
    const row = await linkRow(link.id);
    expect(JSON.stringify(row)).not.toContain(link.token);
  });

  it("[SECURITY]: an expired link is expired, from the moment the window ends (X9)", async () => {
    const requestId = await insertRequest(ctx.db);
    const session = sessionId();
    const link = await issueDownloadLink(ctx, { requestId, format: null, requester: { kind: "consumer", sessionId: session }, now });
    const atEnd = inDays(7, now);
    expect(await resolveDownloadLink(ctx, { token: link.token, requester: { kind: "consumer", sessionId: session }, now: atEnd })).toEqual({ status: "expired" });
  });

  it("[SECURITY]: a forwarded link without the requester's session is wrong_requester, whatever its state (X9)", async () => {
    const requestId = await insertRequest(ctx.db);
    const link = await issueDownloadLink(ctx, { requestId, format: null, requester: { kind: "consumer", sessionId: sessionId() }, now });
    const stranger = { kind: "consumer" as const, sessionId: sessionId() };
    expect(await resolveDownloadLink(ctx, { token: link.token, requester: stranger, now })).toEqual({ status: "wrong_requester" });
    expect(await resolveDownloadLink(ctx, { token: link.token, requester: stranger, now: inDays(30, now) })).toEqual({ status: "wrong_requester" });
    expect(await resolveDownloadLink(ctx, { token: link.token, requester: { kind: "agent", agentId: requestId }, now })).toEqual({ status: "wrong_requester" });
    expect((await linkRow(link.id)).last_used_at).toBeNull();
  });

  it("[AGENT]: should open for the bound agent only", async () => {
    const requestId = await insertRequest(ctx.db, { channel: "agent" });
    const agentId = "agent00000000000000000001a";
    const link = await issueDownloadLink(ctx, { requestId, format: "json", requester: { kind: "agent", agentId }, now });
    expect((await resolveDownloadLink(ctx, { token: link.token, requester: { kind: "agent", agentId }, format: "json", now })).status).toBe("ok");
    expect((await resolveDownloadLink(ctx, { token: link.token, requester: { kind: "agent", agentId: "agent00000000000000000002b" }, now })).status).toBe("wrong_requester");
  });

  it("[SECURITY]: unknown, malformed or other-format tokens are not_found with no metadata (X10)", async () => {
    const requestId = await insertRequest(ctx.db);
    const session = { kind: "consumer" as const, sessionId: sessionId() };
    const link = await issueDownloadLink(ctx, { requestId, format: "json", requester: session, now });
    const guessed = randomBytes(32).toString("base64url");
    expect(await resolveDownloadLink(ctx, { token: guessed, requester: session, now })).toEqual({ status: "not_found" });
    expect(await resolveDownloadLink(ctx, { token: "../../etc/passwd", requester: session, now })).toEqual({ status: "not_found" });
    expect(await resolveDownloadLink(ctx, { token: link.id, requester: session, now })).toEqual({ status: "not_found" });
    expect(await resolveDownloadLink(ctx, { token: link.token.toUpperCase(), requester: session, now })).toEqual({ status: "not_found" });
    expect(await resolveDownloadLink(ctx, { token: link.token, requester: session, format: "pdf", now })).toEqual({ status: "not_found" });
  });

  it("[CONSUMER]: reissue after re-verification revokes every old link and issues a working one", async () => {
    const requestId = await insertRequest(ctx.db);
    const oldSession = { kind: "consumer" as const, sessionId: sessionId() };
    const first = await issueDownloadLink(ctx, { requestId, format: "pdf", requester: oldSession, now });
    const second = await issueDownloadLink(ctx, { requestId, format: "json", requester: oldSession, now });
    const otherRequest = await insertRequest(ctx.db);
    const unrelated = await issueDownloadLink(ctx, { requestId: otherRequest, format: null, requester: oldSession, now });

    const newSession = { kind: "consumer" as const, sessionId: sessionId() };
    const later = inDays(10, now);
    const fresh = await reissueDownloadLink(ctx, { requestId, format: null, requester: newSession, now: later });
    expect(fresh.revoked).toBe(2);
    expect(fresh.expiresAt).toBe("2026-12-18 10:00:00.000");

    expect(await resolveDownloadLink(ctx, { token: first.token, requester: oldSession, now })).toEqual({ status: "revoked" });
    expect(await resolveDownloadLink(ctx, { token: second.token, requester: oldSession, now })).toEqual({ status: "revoked" });
    expect((await resolveDownloadLink(ctx, { token: unrelated.token, requester: oldSession, now })).status).toBe("ok");
    expect((await resolveDownloadLink(ctx, { token: fresh.token, requester: newSession, now: later })).status).toBe("ok");
    expect((await resolveDownloadLink(ctx, { token: fresh.token, requester: oldSession, now: later })).status).toBe("wrong_requester");
  });

  it("[OPS]: links go with their request when the request record is deleted", async () => {
    const requestId = await insertRequest(ctx.db);
    const link = await issueDownloadLink(ctx, { requestId, format: null, requester: { kind: "consumer", sessionId: sessionId() }, now });
    await ctx.db.deleteFrom("requests").where("id", "=", requestId).execute();
    const left = await ctx.db.selectFrom("download_links").select("id").where("id", "=", link.id).execute();
    expect(left).toEqual([]);
  });
});
