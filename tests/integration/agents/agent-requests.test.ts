import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import { answerAgentAuthorization } from "../../../server/agents/answer-agent-authorization";
import { authorizationsDir } from "../../../server/agents/authorization-files";
import { getAgentRequest } from "../../../server/agents/get-agent-request";
import { listAgentRequests } from "../../../server/agents/list-agent-requests";
import { openAuthorizationDocument } from "../../../server/agents/open-authorization-document";
import { registerAgent } from "../../../server/agents/register-agent";
import { enrolAgentTotp } from "../../../server/agents/enrol-agent-totp";
import { signInAgent } from "../../../server/agents/sign-in-agent";
import { startAgentTotp } from "../../../server/agents/start-agent-totp";
import { buildTotp } from "../../../server/staff/totp-codes";
import { submitAgentRequest, type AgentRequestFields } from "../../../server/agents/submit-agent-request";
import { verifyAgentEmail } from "../../../server/agents/verify-agent-email";
import type { AppContext } from "../../../server/context";
import { completeVerification } from "../../../server/verification/complete-verification";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { createMigratedContext, createTestContext } from "../../support/test-context";

// Issue 8 on both dialects: agent accounts, submissions with a signed permission, the consumer's
// single-use confirm/refuse link, stored documents and who may read what (R20-R23; X4, X5, X10).

const PASSWORD = "agent passphrase for tests";
const PDF = Buffer.from("%PDF-1.4\n% signed permission\n%%EOF\n");
const linkToken = (text: string, prefix: string): string => new RegExp(`${prefix}/([A-Za-z0-9_-]{43})`).exec(text)![1]!;

describe.each(testDialects())("authorized agents on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let releaseCtx: AppContext;
  let sink: SmtpSink;
  let dataDir: string;

  beforeAll(async () => {
    ({ t } = await createMigratedContext(dialect));
    sink = await startSmtpSink();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-agents-"));
    const env = { SMTP_URL: sink.url, DATA_DIR: dataDir, REPORT_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
    ctx = createTestContext(t, env);
    releaseCtx = createTestContext(t, { ...env, AGENT_DISCLOSURE_RELEASE: "consumer_and_agent" });
  });
  afterAll(async () => {
    await sink?.close();
    await t?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const stored = () => (fs.existsSync(authorizationsDir(dataDir)) ? fs.readdirSync(authorizationsDir(dataDir)) : []);
  const requestRow = (id: string) => t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  /** Registers an agent, confirms the e-mail through the mailed link, and returns its id. */
  async function activeAgent(name = "Alex Advocate"): Promise<{ id: string; email: string }> {
    const email = `agent.${randomBytes(4).toString("hex")}@agents.example`;
    await registerAgent(ctx, { kind: "person", name, email, password: PASSWORD, acceptedDuties: true });
    const mail = await sink.next();
    expect(await verifyAgentEmail(ctx, { token: linkToken(mail.text ?? "", "/agent/verify-email") })).toEqual({ status: "verified" });
    const signedIn = await signInAgent(ctx, { email, password: PASSWORD });
    if (signedIn.status !== "signed_in") throw new Error(`sign-in failed: ${signedIn.status}`);
    return { id: signedIn.agentId, email };
  }

  function fields(overrides: Partial<AgentRequestFields> = {}): AgentRequestFields {
    const consumer = `consumer.${randomBytes(4).toString("hex")}@example.test`;
    return { type: "categories", period: "12_months", language: "en", authorizationKind: "signed_permission", californiaResident: "yes", name: "Ana Example", email: consumer, ...overrides };
  }

  /** Submits with a signed permission and returns the request id and the consumer's link token. */
  async function submitted(agent: { id: string }, c: AppContext = ctx): Promise<{ requestId: string; token: string; consumer: string }> {
    const form = fields();
    const result = await submitAgentRequest(c, { agentId: agent.id, agentName: "Alex Advocate", agentKind: "person", fields: form, document: PDF });
    if (!result.ok) throw new Error(`submit refused: ${result.fields.join(",")}`);
    const mail = await sink.next();
    expect(mail.subject).toBe("Did you authorize Alex Advocate to ask Parlay for your information?");
    return { requestId: result.requestId, token: linkToken(mail.text ?? "", "/authorize"), consumer: form.email };
  }

  it("[AGENT]: registration confirms the e-mail before sign-in, and a second registration of an address changes nothing (X3)", async () => {
    const email = `agent.${randomBytes(4).toString("hex")}@agents.example`;
    expect(await registerAgent(ctx, { kind: "business", name: "Northwind LLC", email, sosNumber: "C1234567", password: PASSWORD, acceptedDuties: true })).toEqual({ mailed: true });
    const link = linkToken((await sink.next()).text ?? "", "/agent/verify-email");
    expect(await signInAgent(ctx, { email, password: PASSWORD })).toEqual({ status: "unconfirmed" });
    expect(await registerAgent(ctx, { kind: "person", name: "Mallory", email, password: "another long password", acceptedDuties: true })).toEqual({ mailed: true });
    const rows = await t.db.selectFrom("agents").selectAll().where("email", "=", email).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "business", name: "Northwind LLC", sos_number: "C1234567", status: "pending" });
    expect(await verifyAgentEmail(ctx, { token: link })).toEqual({ status: "verified" });
    expect(await verifyAgentEmail(ctx, { token: link })).toEqual({ status: "invalid" });
    expect(await signInAgent(ctx, { email, password: PASSWORD })).toMatchObject({ status: "signed_in" });
  });

  // Issue 16 item 5 (ADR 040): failures slow the (address, IP) pair and never lock the account.
  it("[SECURITY]: five wrong passwords make that IP wait, even with the right password, while the agent signs in from another; the agent is told by mail", async () => {
    const agent = await activeAgent();
    const now = new Date();
    const attacker = { email: agent.email, ip: "198.51.100.60", now };
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await signInAgent(ctx, { ...attacker, password: "wrong password here" }));
    expect(answers).toEqual([null, null, null, null, 60].map((retryAfterSeconds) => ({ status: "failed", retryAfterSeconds })));
    expect(await signInAgent(ctx, { ...attacker, password: PASSWORD })).toEqual({ status: "failed", retryAfterSeconds: 60 });
    expect(await signInAgent(ctx, { email: agent.email, password: PASSWORD, ip: "203.0.113.60", now })).toMatchObject({ status: "signed_in" });
    expect(await signInAgent(ctx, { ...attacker, password: PASSWORD, now: new Date(now.getTime() + 60_000) })).toMatchObject({ status: "signed_in" });
    const alert = await sink.next();
    expect(alert.to && "text" in alert.to ? alert.to.text : "").toBe(agent.email);
    expect(alert.subject).toBe("Failed sign-ins to your Parlay account");
    expect(alert.text).toContain("authorized agent account from the network address 198.51.100.60");
    expect(alert.text).toContain("Your account is not locked");
    const audit = await t.db.selectFrom("audit_events").select(["actor_kind", "details"]).where("action", "=", "sign_in.throttle_started").where("actor_id", "=", agent.id).execute();
    expect(audit.map((r) => [r.actor_kind, JSON.parse(r.details)])).toEqual([["agent", { failures: 5, waitSeconds: 60 }]]);
  });

  it("[SECURITY]: an agent who turns on TOTP needs a code after the password, and each code works once", async () => {
    const agent = await activeAgent();
    const now = new Date();
    const started = await startAgentTotp(ctx, { agentId: agent.id, now });
    if (started.status !== "ready") throw new Error(started.status);
    const totp = buildTotp(started.secret);
    expect(await enrolAgentTotp(ctx, { agentId: agent.id, code: "000000", now })).toEqual({ status: "bad_code" });
    expect(await enrolAgentTotp(ctx, { agentId: agent.id, code: totp.generate({ timestamp: now.getTime() }), now })).toEqual({ status: "ok" });
    const later = new Date(now.getTime() + 60_000);
    expect(await signInAgent(ctx, { email: agent.email, password: PASSWORD, now: later })).toEqual({ status: "needs_code" });
    const code = totp.generate({ timestamp: later.getTime() });
    expect(await signInAgent(ctx, { email: agent.email, password: PASSWORD, code, now: later })).toMatchObject({ status: "signed_in" });
    expect(await signInAgent(ctx, { email: agent.email, password: PASSWORD, code, now: later })).toEqual({ status: "failed", retryAfterSeconds: null });
  });

  it("[AGENT]: an empty, oversized or non-PDF/PNG/JPEG document is refused by name and nothing is stored (X4)", async () => {
    const agent = await activeAgent();
    const before = stored();
    const cases: [Buffer | null, string][] = [
      [null, "document_missing"],
      [Buffer.alloc(0), "document_empty"],
      [Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), "document_too_large"],
      [Buffer.from("<html><script>alert(1)</script>"), "document_wrong_type"],
      [Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), "document_wrong_type"],
      [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]), "document_wrong_type"],
    ];
    for (const [document, problem] of cases) {
      expect(await submitAgentRequest(ctx, { agentId: agent.id, agentName: "A", agentKind: "person", fields: fields(), document })).toEqual({ ok: false, fields: [problem] });
    }
    expect(stored()).toEqual(before);
    expect(await listAgentRequests(ctx, { agentId: agent.id })).toEqual([]);
  });

  it("[AGENT]: a signed permission is stored encrypted, the consumer confirms once, and only then may verification complete", async () => {
    const agent = await activeAgent();
    const { requestId, token } = await submitted(agent);
    const row = await requestRow(requestId);
    expect(row).toMatchObject({ channel: "agent", agent_id: agent.id, state: "received" });
    const authorization = await t.db.selectFrom("authorizations").selectAll().where("request_id", "=", requestId).executeTakeFirstOrThrow();
    expect(authorization).toMatchObject({ kind: "signed_permission", mime_type: "application/pdf", size_bytes: PDF.length, consumer_confirmed_at: null });
    const onDisk = fs.readFileSync(path.join(authorizationsDir(dataDir), authorization.storage_key));
    expect(onDisk.includes(Buffer.from("signed permission"))).toBe(false);

    // 7063(a): the data-point step cannot overtake the consumer's confirmation.
    expect(await completeVerification(ctx, { requestId, emailVerified: true })).toEqual({ status: "already_decided", state: "received" });
    // The agent's list says what the request waits for: the consumer's answer first.
    expect((await listAgentRequests(ctx, { agentId: agent.id })).map((r) => r.status)).toEqual(["awaiting_confirmation"]);

    expect(await answerAgentAuthorization(ctx, { token, answer: "confirmed" })).toEqual({ status: "confirmed", requestId });
    expect((await requestRow(requestId)).state).toBe("awaiting_verification");
    expect((await listAgentRequests(ctx, { agentId: agent.id })).map((r) => r.status)).toEqual(["awaiting_verification"]);
    expect(await answerAgentAuthorization(ctx, { token, answer: "refused" })).toEqual({ status: "invalid" });
    expect((await requestRow(requestId)).state).toBe("awaiting_verification");
    const actions = await t.db.selectFrom("audit_events").select("action").where("request_id", "=", requestId).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["agent.request_submitted", "agent.authorization_confirmed"]));

    const opened = await openAuthorizationDocument(ctx, { requestId, authorizationId: authorization.id, viewer: { kind: "staff", id: "0000000000000000000000staf" } });
    const chunks: Buffer[] = [];
    for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(PDF)).toBe(true);

    // The consumer the request is about gets the document filed with it, named without our ids,
    // and the view is audited as theirs (issue 17.6).
    const consumerCopy = await openAuthorizationDocument(ctx, { requestId, viewer: { kind: "consumer" } });
    const consumerChunks: Buffer[] = [];
    for await (const chunk of consumerCopy.stream) consumerChunks.push(chunk as Buffer);
    expect(Buffer.concat(consumerChunks).equals(PDF)).toBe(true);
    expect(consumerCopy.fileName).toBe("permission-document.pdf");
    const views = await t.db.selectFrom("audit_events").select(["actor_kind", "details"]).where("request_id", "=", requestId).where("action", "=", "agent.authorization_viewed").execute();
    expect(views.map((v) => v.actor_kind).sort()).toEqual(["consumer", "staff"]);
  });

  it("[AGENT]: a consumer who refuses denies the request as consumer_refused and the agent is mailed (X5)", async () => {
    const agent = await activeAgent();
    const { requestId, token } = await submitted(agent);
    expect(await answerAgentAuthorization(ctx, { token, answer: "refused" })).toEqual({ status: "refused", requestId });
    expect(await requestRow(requestId)).toMatchObject({ state: "denied", denial_reason: "consumer_refused" });
    const mail = await sink.next();
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe(agent.email);
    expect(mail.subject).toBe(`Request ${requestId}: the consumer did not confirm your authorization`);
    const view = await getAgentRequest(ctx, { agentId: agent.id, requestId });
    expect(view).toMatchObject({ state: "denied", denialReason: "consumer_refused", authorization: { consumerAnswer: "refused" }, canDownload: false });
  });

  it("[SECURITY]: another agent's request and document read as not found (X10)", async () => {
    const owner = await activeAgent();
    const other = await activeAgent("Oscar Other");
    const { requestId } = await submitted(owner);
    const authorization = await t.db.selectFrom("authorizations").select("id").where("request_id", "=", requestId).executeTakeFirstOrThrow();
    await expect(getAgentRequest(ctx, { agentId: other.id, requestId })).rejects.toMatchObject({ code: "not_found" });
    await expect(openAuthorizationDocument(ctx, { requestId, authorizationId: authorization.id, viewer: { kind: "agent", id: other.id } })).rejects.toMatchObject({ code: "not_found" });
    // A request that carries no permission document (here: none at all) has nothing for a consumer.
    await expect(openAuthorizationDocument(ctx, { requestId: "01J00000000000000000000000", viewer: { kind: "consumer" } })).rejects.toMatchObject({ code: "not_found" });
    expect(await listAgentRequests(ctx, { agentId: other.id })).toEqual([]);
    expect((await listAgentRequests(ctx, { agentId: owner.id })).map((r) => r.id)).toEqual([requestId]);
  });

  it("[AGENT]: the agent may download only when the policy allows it, the consumer agreed and the request was answered (R23)", async () => {
    const agent = await activeAgent();
    const agreed = await submitted(agent, releaseCtx);
    await answerAgentAuthorization(releaseCtx, { token: agreed.token, answer: "confirmed", releaseToAgent: true });
    const notAgreed = await submitted(agent, releaseCtx);
    await answerAgentAuthorization(releaseCtx, { token: notAgreed.token, answer: "confirmed", releaseToAgent: false });
    await t.db.updateTable("requests").set({ state: "delivered" }).where("id", "in", [agreed.requestId, notAgreed.requestId]).execute();

    expect((await getAgentRequest(releaseCtx, { agentId: agent.id, requestId: agreed.requestId })).canDownload).toBe(true);
    expect((await getAgentRequest(releaseCtx, { agentId: agent.id, requestId: notAgreed.requestId })).canDownload).toBe(false);
    // The same consent under the default policy gives the agent nothing.
    expect((await getAgentRequest(ctx, { agentId: agent.id, requestId: agreed.requestId })).canDownload).toBe(false);
  });
});
