import fs from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPerson } from "../../../db/demo-business/demo-people";
import type { DemoBusinessDb } from "../../../db/demo-business/schema";
import { seedDemoBusiness } from "../../../db/demo-business/seed-demo-business";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { createDrpRouter } from "../../../server/drp/create-drp-router";
import { findDrpAgentByDrpId } from "../../../server/drp/drp-agents.repository";
import { listDrpAgents } from "../../../server/drp/list-drp-agents";
import { setDrpAgentStatus } from "../../../server/drp/set-drp-agent-status";
import { runWorker, type WorkerHandle } from "../../../server/jobs/run-worker";
import { composeRequestMail } from "../../../server/mail/compose-request-mail";
import { extendRequest } from "../../../server/requests/extend-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import { completeVerification } from "../../../server/verification/complete-verification";
import { closeIdentitySources } from "../../../server/verification/find-identity-record";
import type { TestDatabase } from "../../support/dialects";
import { DrpAgentSimulator, startCallbackSink, type CallbackSink } from "../../support/drp-agent-simulator";
import { createTestContext, durableDialects } from "../../support/test-context";

const BUSINESS = "PARLAY_TEST_01";
const PUBLIC_URL = "https://portal.example";
const STAFF = { kind: "staff" as const, id: "0000000000000000000000staf" };
const olivia = demoPerson("ordinary");
/** DRP 1.0 §3.03 keys plus results_url (§3.02): nothing else may appear in a status. */
const STATUS_KEYS = ["request_id", "agent_request_id", "status", "reason", "received_at", "expected_by", "processing_details", "user_verification_url", "expires_at", "results_url"];
/** What Python 3.10's datetime.fromisoformat (the reference agent's) accepts. */
/** The in_progress text once identity is verified (build-drp-status.ts). */
const DETAILS_WORKING = "Identity verified; the business is gathering the consumer's personal information.";
const PY_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$/;

/** Olivia's claims, all verified by the agent: enough to verify her at once (email + phone + name). */
function oliviaClaims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const a = olivia.address!;
  return {
    name: olivia.fullName,
    email: olivia.email,
    email_verified: true,
    phone_number: olivia.phone,
    phone_number_verified: true,
    address: { street_address: a.street, locality: a.city, region: a.state, postal_code: a.postalCode, country: "US" },
    address_verified: false,
    ...extra,
  };
}

describe.each(durableDialects())("DRP 1.0 API on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let source: TestDatabase<DemoBusinessDb>;
  let ctx: AppContext;
  let dir: string;
  let server: Server;
  let api: string;
  let sink: CallbackSink;
  let worker: WorkerHandle;
  const agentA = new DrpAgentSimulator("TEST_AA_ALPHA_01");
  const agentB = new DrpAgentSimulator("TEST_AA_BRAVO_01");
  const stranger = new DrpAgentSimulator("TEST_AA_NOT_LISTED");

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    source = await dialect.create<DemoBusinessDb>();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-drp-"));
    await seedDemoBusiness(source.db, { dialect: source.dialect, people: 40, filesDir: path.join(dir, "demo-files") });
    const directory = path.join(dir, "agents.json");
    fs.writeFileSync(directory, JSON.stringify([agentA.directoryEntry(), agentB.directoryEntry()]));
    ctx = createTestContext(t, { DATA_DIR: dir, DEMO_SOURCE_URL: source.url, DRP_DIRECTORY: directory, DRP_BUSINESS_ID: BUSINESS, PUBLIC_URL });
    const app = express();
    app.use("/drp", createDrpRouter(ctx));
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/drp`;
    sink = await startCallbackSink();
    worker = runWorker(ctx, { kinds: ["drp_status_callback"], pollIntervalMs: 50, schedulePeriodic: false });
  });
  afterAll(async () => {
    await worker?.stop({ timeoutMs: 5_000 });
    await sink?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (ctx) await closeIdentitySources(ctx.env);
    await source?.cleanup();
    await t?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const row = (id: string) => t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const callbacksFor = (id: string) => sink.received.filter((c) => c.body?.request_id === id).map((c) => c.body);
  const callbackJobsFor = async (id: string) =>
    (await t.db.selectFrom("jobs").select("id").where("kind", "=", "drp_status_callback").where("idempotency_key", "like", `%:${id}:%`).execute()).length;
  async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error("timed out waiting");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("[DRP]: an agent in the directory gets a pairwise token and its agent information", async () => {
    const res = await agentA.register(api, BUSINESS);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.json).toEqual({ "agent-id": agentA.id, token: expect.stringMatching(/^[A-Za-z0-9_-]{40,}$/) });
    expect(await agentA.agentInfo(api)).toMatchObject({ status: 200, json: {} });
    // Token of A presented for B's id; no token at all.
    expect((await agentA.agentInfo(api, agentB.id)).status).toBe(403);
    expect((await new DrpAgentSimulator(agentA.id).agentInfo(api)).status).toBe(403);
    // Only the hash is stored.
    const stored = await t.db.selectFrom("drp_tokens").select("id").execute();
    expect(stored.map((s) => s.id)).not.toContain(agentA.token);
    expect((await agentB.register(api, BUSINESS)).status).toBe(200);
  });

  it("[DRP]: pairwise setup refuses every bad message with a bare 403", async () => {
    const now = Date.now();
    const cases: [string, () => Promise<{ status: number; text: string }>][] = [
      ["unknown agent", () => stranger.register(api, BUSINESS)],
      ["bad signature (signed by another key)", () => agentA.register(api, BUSINESS, agentB.sign(agentA.envelope(BUSINESS)))],
      ["wrong agent-id claim", () => agentA.register(api, BUSINESS, agentA.sign(agentA.envelope(BUSINESS, { agentId: agentB.id })))],
      ["wrong business-id", () => agentA.register(api, BUSINESS, agentA.sign(agentA.envelope("SOMEONE_ELSE_01")))],
      ["expired", () => agentA.register(api, BUSINESS, agentA.sign(agentA.envelope(BUSINESS, { issuedAt: new Date(now - 20 * 60_000), expiresAt: new Date(now - 5 * 60_000) })))],
      ["issued in the future", () => agentA.register(api, BUSINESS, agentA.sign(agentA.envelope(BUSINESS, { issuedAt: new Date(now + 10 * 60_000), expiresAt: new Date(now + 20 * 60_000) })))],
      ["not base64", () => agentA.register(api, BUSINESS, "this is not a signed message!")],
    ];
    for (const [name, send] of cases) {
      const res = await send();
      expect({ name, status: res.status, body: res.text }).toEqual({ name, status: 403, body: "" });
    }
    const once = agentB.sign(agentB.envelope(BUSINESS));
    const probe = new DrpAgentSimulator(agentB.id);
    expect((await probe.register(api, BUSINESS, once)).status).toBe(200);
    expect(await probe.register(api, BUSINESS, once)).toMatchObject({ status: 403, text: "" });
    await agentB.register(api, BUSINESS); // the replay probe replaced B's token: take a fresh one
  });

  it("[DRP]: a verified access request becomes a portal request in progress, with status and callbacks", async () => {
    const res = await agentA.submit(api, BUSINESS, { ...oliviaClaims(), "agent-request-id": "agent-req-1", status_callback: sink.url });
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    const status = res.json;
    expect(Object.keys(status).every((k) => STATUS_KEYS.includes(k))).toBe(true);
    expect(status).toMatchObject({ request_id: expect.stringMatching(/^[0-9a-z]{26}$/), agent_request_id: "agent-req-1", status: "in_progress" });
    expect(status.reason).toBeUndefined();
    expect(status.received_at).toMatch(PY_ISO);
    expect(status.expected_by).toMatch(PY_ISO);
    const id = status.request_id as string;
    expect(await row(id)).toMatchObject({ channel: "drp", state: "collecting", verification_level: "reasonable", california_resident: null, subject_email: olivia.email });
    // No personal data in what the agent sees.
    expect(JSON.stringify(status)).not.toMatch(/olivia|bennett|555/i);

    expect(await agentA.status(api, id)).toMatchObject({ status: 200, json: status });
    // The same agent-request-id again: the same request, not a second one.
    const again = await agentA.submit(api, BUSINESS, { ...oliviaClaims(), "agent-request-id": "agent-req-1" });
    expect(again.json.request_id).toBe(id);

    // verified -> collecting read the same over DRP: one callback, not one per internal step (issue 16 item 7).
    expect(await callbackJobsFor(id)).toBe(1);
    await until(() => callbacksFor(id).length === 1);
    expect(callbacksFor(id)).toEqual([status]);
    expect(sink.received.find((c) => c.body.request_id === id)?.contentType).toMatch(/^application\/json/);

    for (const to of ["in_review", "approved", "delivered"] as const) await transitionRequest(ctx, { requestId: id, to, actor: STAFF });
    // in_review and approved are one DRP status ("being reviewed"): queued once.
    expect(await callbackJobsFor(id)).toBe(3);
    await until(() => callbacksFor(id).at(-1)?.status === "fulfilled");
    // "Being reviewed" reaches the agent unless "fulfilled" superseded it before it was sent.
    expect(callbacksFor(id).map((c) => c.processing_details)).toEqual(expect.arrayContaining([status.processing_details]));
    expect(callbacksFor(id).length).toBeLessThanOrEqual(3);
    const fulfilled = callbacksFor(id).at(-1);
    expect(fulfilled).toMatchObject({ request_id: id, agent_request_id: "agent-req-1", status: "fulfilled", results_url: `${PUBLIC_URL}/requests/${id}` });
    expect(fulfilled.expires_at).toMatch(PY_ISO);
    expect(Object.keys(fulfilled).every((k: string) => STATUS_KEYS.includes(k))).toBe(true);
    expect((await agentA.status(api, id)).json.status).toBe("fulfilled");
    // Final: it cannot be revoked any more.
    const refused = await agentA.revoke(api, id);
    expect(refused).toMatchObject({ status: 409, json: { code: "409" } });
    // Not fatal: the request is fine, only the revoke is refused (issue 16 item 7).
    expect(refused.json.fatal).toBeUndefined();
  });

  it("[DRP]: unverified claims ask for user verification at the portal, which then moves it on", async () => {
    const res = await agentA.submit(api, BUSINESS, { ...oliviaClaims({ email_verified: false }), status_callback: sink.url });
    expect(res.json).toMatchObject({ status: "in_progress", reason: "need_user_verification" });
    const id = res.json.request_id as string;
    expect(res.json.user_verification_url).toBe(`${PUBLIC_URL}/requests/${id}`);
    expect(res.json.expires_at).toMatch(PY_ISO);
    expect(res.json.agent_request_id).toBeUndefined();
    expect((await row(id)).state).toBe("awaiting_verification");
    // The consumer proves the e-mail with the portal's code; the data points the agent sent match.
    expect(await completeVerification(ctx, { requestId: id, emailVerified: true })).toMatchObject({ status: "verified" });
    // Queued: need_user_verification, then in_progress once verified (collecting reads the same).
    expect(await callbackJobsFor(id)).toBe(2);
    await until(() => callbacksFor(id).at(-1)?.processing_details === DETAILS_WORKING);
    const working = callbacksFor(id).at(-1);
    expect(working.reason).toBeUndefined();
    await extendRequest(ctx, { requestId: id, actor: STAFF, reason: "Records in an archived system take longer to gather." });
    await until(() => callbacksFor(id).at(-1) !== working);
    const extended = callbacksFor(id).at(-1);
    expect(extended.expected_by > working.expected_by).toBe(true);
    expect(extended.processing_details).toMatch(/extended/);
    expect(extended.processing_details).not.toMatch(/archived/);
  });

  it("[DRP]: a staff denial reaches the agent as denied with DRP's reason, never the written reason", async () => {
    const res = await agentA.submit(api, BUSINESS, { ...oliviaClaims({ email_verified: false }), status_callback: sink.url });
    const id = res.json.request_id as string;
    await transitionRequest(ctx, { requestId: id, to: "denied", denialReason: "unverifiable", reason: "Olivia never answered our e-mail.", actor: STAFF });
    await until(() => callbacksFor(id).at(-1)?.status === "denied");
    const denied = callbacksFor(id).at(-1);
    expect(denied).toMatchObject({ request_id: id, status: "denied", reason: "insuf_verification", processing_details: expect.any(String) });
    expect(JSON.stringify(denied)).not.toMatch(/olivia|e-mail\./i);
    expect((await agentA.status(api, id)).json).toEqual(denied);
  });

  it("[DRP]: every rejection of an exercise message gets the specified error object", async () => {
    const now = Date.now();
    const base = { ...agentA.envelope(BUSINESS), exercise: "access", regime: "ccpa", ...oliviaClaims() };
    const tampered = Buffer.from(agentA.sign(base), "base64");
    tampered[tampered.length - 3]! ^= 1;
    const noToken = new DrpAgentSimulator(agentA.id);
    const badToken = new DrpAgentSimulator(agentA.id);
    badToken.token = "not-a-token-we-issued";
    const cases: [string, () => Promise<{ status: number; json: any }>, number, boolean][] = [
      ["no token", () => noToken.submit(api, BUSINESS, oliviaClaims()), 403, false],
      ["unknown token", () => badToken.submit(api, BUSINESS, oliviaClaims()), 403, false],
      ["signed by another agent", () => agentA.submit(api, BUSINESS, {}, { body: agentB.sign({ ...base, "agent-id": agentA.id }) }), 403, false],
      ["wrong agent-id", () => agentA.submit(api, BUSINESS, {}, { body: agentA.sign({ ...base, "agent-id": agentB.id }) }), 403, false],
      ["wrong business-id", () => agentA.submit(api, BUSINESS, { "business-id": "SOMEONE_ELSE_01" }), 403, false],
      ["issued in the future", () => agentA.submit(api, BUSINESS, agentA.envelope(BUSINESS, { issuedAt: new Date(now + 600_000), expiresAt: new Date(now + 900_000) })), 403, false],
      ["expired", () => agentA.submit(api, BUSINESS, agentA.envelope(BUSINESS, { issuedAt: new Date(now - 900_000), expiresAt: new Date(now - 1000) })), 403, true],
      ["tampered byte", () => agentA.submit(api, BUSINESS, {}, { body: tampered.toString("base64") }), 403, false],
      ["unsupported action", () => agentA.submit(api, BUSINESS, { exercise: "deletion" }), 400, true],
      ["unsupported regime", () => agentA.submit(api, BUSINESS, { regime: "gdpr" }), 400, true],
      ["no e-mail claim", () => agentA.submit(api, BUSINESS, { email: undefined }), 400, true],
    ];
    const before = await t.db.selectFrom("requests").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    for (const [name, send, status, fatal] of cases) {
      const res = await send();
      expect({ name, status: res.status, code: res.json?.code, message: typeof res.json?.message, fatal: res.json?.fatal === true }).toEqual({ name, status, code: String(status), message: "string", fatal });
      expect(JSON.stringify(res.json)).not.toMatch(/olivia|bennett/i);
    }
    const after = await t.db.selectFrom("requests").select(({ fn }) => fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    // Replayed: the very same signed body twice.
    const body = agentA.sign({ ...agentA.envelope(BUSINESS), exercise: "access", regime: "ccpa", ...oliviaClaims({ email_verified: false }) });
    expect((await agentA.submit(api, BUSINESS, {}, { body })).status).toBe(200);
    expect(await agentA.submit(api, BUSINESS, {}, { body })).toMatchObject({ status: 403, json: { code: "403", fatal: true } });
  });

  it("[DRP]: statuses are private to the agent that made the request; revoke cancels it as revoked", async () => {
    const res = await agentA.submit(api, BUSINESS, { ...oliviaClaims({ email_verified: false }), status_callback: sink.url }, { path: "/v1/data-rights-request/" });
    expect(res.status).toBe(200);
    const id = res.json.request_id as string;
    expect(await agentB.status(api, id)).toMatchObject({ status: 403, json: { code: "403" } });
    expect(await agentA.status(api, "0000000000000000000000none")).toMatchObject({ status: 404, json: { code: "404" } });
    expect((await agentB.revoke(api, id)).status).toBe(403);
    // An envelope, when present, is checked like any other.
    expect((await agentA.revoke(api, id, { ...agentA.envelope("SOMEONE_ELSE_01"), reason: "x" })).status).toBe(403);

    const revoked = await agentA.revoke(api, id);
    expect(revoked).toMatchObject({ status: 200, json: { request_id: id, status: "revoked" } });
    expect((await row(id)).state).toBe("cancelled");
    expect((await agentA.status(api, id)).json.status).toBe("revoked");
    await until(() => callbacksFor(id).some((c) => c.status === "revoked"));
    expect(await agentA.revoke(api, id, { reason: "again" })).toMatchObject({ status: 409, json: { code: "409" } });
  });

  it("[DRP]: a request from an agent ops disabled is refused until it is enabled again", async () => {
    const agent = await findDrpAgentByDrpId(t.db, agentB.id);
    await setDrpAgentStatus(ctx, { agentId: agent!.id, status: "disabled", staffId: STAFF.id });
    expect(await agentB.submit(api, BUSINESS, oliviaClaims())).toMatchObject({ status: 403, json: { code: "403", fatal: true } });
    expect(await agentB.register(api, BUSINESS)).toMatchObject({ status: 403, text: "" });
    const audit = await t.db.selectFrom("audit_events").select("action").where("action", "=", "drp.agent_disabled").execute();
    expect(audit).toHaveLength(1);
    const overview = await listDrpAgents(ctx);
    expect(overview).toMatchObject({ enabled: true, directoryError: false });
    const listed = overview.enabled ? overview.agents.map((x) => [x.drpAgentId, x.status, x.listed]) : [];
    expect(listed).toEqual(expect.arrayContaining([[agentA.id, "active", true], [agentB.id, "disabled", true]]));
    await setDrpAgentStatus(ctx, { agentId: agent!.id, status: "active", staffId: STAFF.id });
    expect((await agentB.submit(api, BUSINESS, oliviaClaims())).status).toBe(200);
  });

  it("[DRP]: a callback the agent refuses is retried with backoff until it gets a 200", async () => {
    sink.respondWith = 503;
    const res = await agentA.submit(api, BUSINESS, { ...oliviaClaims({ email_verified: false }), status_callback: sink.url });
    const id = res.json.request_id as string;
    const job = () => t.db.selectFrom("jobs").selectAll().where("kind", "=", "drp_status_callback").where("idempotency_key", "like", `%:${id}:%`).executeTakeFirstOrThrow();
    await until(async () => (await job()).attempts === 1 && (await job()).state === "queued");
    const failed = await job();
    expect(failed).toMatchObject({ last_error: "HTTP_503", max_attempts: 6 });
    expect(failed.run_at > failed.updated_at).toBe(true);
    sink.respondWith = 200;
    await t.db.updateTable("jobs").set({ run_at: "2000-01-01 00:00:00.000" }).where("id", "=", failed.id).execute();
    await until(async () => (await job()).state === "done");
    expect(callbacksFor(id)).toHaveLength(2);
    expect(callbacksFor(id)[1]).toEqual(callbacksFor(id)[0]);
  });

  it("[DRP]: a callback retry that a newer status superseded is dropped, never sent after it (issue 16 item 7)", async () => {
    sink.respondWith = 503;
    const res = await agentA.submit(api, BUSINESS, { ...oliviaClaims({ email_verified: false }), status_callback: sink.url });
    const id = res.json.request_id as string;
    const jobs = () => t.db.selectFrom("jobs").selectAll().where("kind", "=", "drp_status_callback").where("idempotency_key", "like", `%:${id}:%`).orderBy("created_at").orderBy("id").execute();
    await until(async () => (await jobs())[0]?.attempts === 1 && (await jobs())[0]?.state === "queued");
    expect(callbacksFor(id).map((c) => c.reason)).toEqual(["need_user_verification"]); // answered 503
    // A newer status while the first waits for its retry: the agent gets the newer one ...
    sink.respondWith = 200;
    await transitionRequest(ctx, { requestId: id, to: "denied", denialReason: "unverifiable", reason: "No answer.", actor: STAFF });
    await until(async () => (await jobs())[1]?.state === "done");
    // ... and the old retry, once due, is dropped instead of telling the agent "in progress" again.
    const stale = (await jobs())[0]!;
    await t.db.updateTable("jobs").set({ run_at: "2000-01-01 00:00:00.000" }).where("id", "=", stale.id).execute();
    await until(async () => (await jobs())[0]?.state === "done");
    expect(callbacksFor(id).map((c) => c.status)).toEqual(["in_progress", "denied"]);
    expect((await agentA.status(api, id)).json.status).toBe("denied");
  });

  it("[DRP]: a name sent as \"Last, First\" matches the business's record (issue 16 item 7)", async () => {
    // E-mail (verified by the agent) + name: two points, verified at once. Before, "Bennett, Olivia"
    // never matched "Olivia Bennett" and the request waited for user verification.
    const res = await agentA.submit(api, BUSINESS, { name: "Bennett, Olivia", email: olivia.email, email_verified: true });
    expect(res.json).toMatchObject({ status: "in_progress" });
    expect(res.json.reason).toBeUndefined();
    const request = await row(res.json.request_id);
    expect(request).toMatchObject({ state: "collecting", subject_name: "Bennett, Olivia" });
    // The consumer is greeted in spoken order.
    const mail = await composeRequestMail(ctx, request, "request_received");
    expect(mail.text).toMatch(/^Hello Olivia Bennett,/);
  });

  it("[DRP]: an address sent as a string counts as formatted; a street of only separators is no address (issue 16 item 7)", async () => {
    const a = olivia.address!;
    // E-mail + the address as one string (verified by the agent); the name does not match.
    const asString = await agentA.submit(api, BUSINESS, {
      name: "O. B.",
      email: olivia.email,
      email_verified: true,
      address: `${a.street}\n${a.city}, ${a.state} ${a.postalCode}`,
      address_verified: true,
    });
    expect(asString.status).toBe(200);
    expect(asString.json.reason).toBeUndefined();
    const stored = await row(asString.json.request_id);
    expect(stored.state).toBe("collecting");
    expect(JSON.parse(stored.subject_address!)).toEqual({ street: a.street, city: a.city, state: a.state, postalCode: a.postalCode });

    const separators = await agentA.submit(api, BUSINESS, { ...oliviaClaims({ email_verified: false }), address: { street_address: "\n", locality: a.city, region: a.state } });
    expect(separators.status).toBe(200);
    expect((await row(separators.json.request_id)).subject_address).toBeNull();
  });

  it("[DRP]: with no directory configured the API answers 404", async () => {
    const off = createTestContext(t, { DATA_DIR: dir });
    const app = express();
    app.use("/drp", createDrpRouter(off));
    const offServer = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => offServer.once("listening", resolve));
    const offApi = `http://127.0.0.1:${(offServer.address() as AddressInfo).port}/drp`;
    try {
      const res = await agentA.register(offApi, BUSINESS);
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ code: "404", fatal: true });
      expect((await agentA.status(offApi, "0000000000000000000000none")).status).toBe(404);
    } finally {
      await new Promise((resolve) => offServer.close(resolve));
    }
  });
});
