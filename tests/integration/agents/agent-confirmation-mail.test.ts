import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsConfirmation } from "../../../app/lib/consumer-confirm.server";
import { loadConsumerRequest } from "../../../app/lib/consumer-request.server";
import type { Database } from "../../../db/schema";
import { answerAgentAuthorization } from "../../../server/agents/answer-agent-authorization";
import { getAgentRequest } from "../../../server/agents/get-agent-request";
import { readConsumerAuthorization } from "../../../server/agents/read-consumer-authorization";
import { registerAgent } from "../../../server/agents/register-agent";
import { resendAgentConfirmation } from "../../../server/agents/resend-agent-confirmation";
import { signInAgent } from "../../../server/agents/sign-in-agent";
import { submitAgentRequest, type AgentRequestFields } from "../../../server/agents/submit-agent-request";
import { verifyAgentEmail } from "../../../server/agents/verify-agent-email";
import type { AppContext } from "../../../server/context";
import { getRunnableJob } from "../../../server/jobs/registry";
import { newId } from "../../../server/lib/ids";
import { toDbTime } from "../../../server/lib/clock";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { createMigratedContext, createTestContext, insertRequestRow } from "../../support/test-context";

// Issue 8 follow-ups on both dialects: the receipt of an agent's request names the agent and the
// consumer's first step (11 CCR 7021(a), 7063; R7, R21, R22), and the agent can have the
// consumer's "did you authorize?" mail sent again, throttled, with a new single-use link (R21, X10).

const PASSWORD = "agent passphrase for tests";
const PDF = Buffer.from("%PDF-1.4\n% signed permission\n%%EOF\n");
const MINUTE = 60_000;
const linkToken = (text: string, prefix: string): string => new RegExp(`${prefix}/([A-Za-z0-9_-]{43})`).exec(text)![1]!;
const recipient = (mail: { to?: unknown }): string => (mail.to && typeof mail.to === "object" && "text" in mail.to ? String(mail.to.text) : "");

describe.each(testDialects())("agent confirmation mail on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let sink: SmtpSink;
  let dataDir: string;

  beforeAll(async () => {
    ({ t } = await createMigratedContext(dialect));
    sink = await startSmtpSink();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-agent-mail-"));
    ctx = createTestContext(t, { SMTP_URL: sink.url, DATA_DIR: dataDir, REPORT_ENCRYPTION_KEY: randomBytes(32).toString("base64"), PUBLIC_URL: "https://privacy.parlay.example" });
  });
  afterAll(async () => {
    await sink?.close();
    await t?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function activeAgent(name: string): Promise<{ id: string; email: string }> {
    const email = `agent.${randomBytes(4).toString("hex")}@agents.example`;
    await registerAgent(ctx, { kind: "person", name, email, password: PASSWORD, acceptedDuties: true });
    expect(await verifyAgentEmail(ctx, { token: linkToken((await sink.next()).text ?? "", "/agent/verify-email") })).toEqual({ status: "verified" });
    const signedIn = await signInAgent(ctx, { email, password: PASSWORD });
    if (signedIn.status !== "signed_in") throw new Error(`sign-in failed: ${signedIn.status}`);
    return { id: signedIn.agentId, email };
  }

  /** Submits with a signed permission; returns the request, the consumer's address and the first link's token. */
  async function submitted(agent: { id: string }, name: string, language: "en" | "es" = "en"): Promise<{ requestId: string; consumer: string; token: string }> {
    const consumer = `consumer.${randomBytes(4).toString("hex")}@example.test`;
    const fields: AgentRequestFields = { type: "categories", period: "12_months", language, authorizationKind: "signed_permission", californiaResident: "yes", name: "Ana Example", email: consumer };
    const result = await submitAgentRequest(ctx, { agentId: agent.id, agentName: name, agentKind: "person", fields, document: PDF });
    if (!result.ok) throw new Error(`submit refused: ${result.fields.join(",")}`);
    const mail = await sink.next();
    expect(recipient(mail)).toBe(consumer);
    return { requestId: result.requestId, consumer, token: linkToken(mail.text ?? "", "/authorize") };
  }

  /** Runs the receipt job the request queued, as the worker would, and returns the mail it sent. */
  async function receiptOf(requestId: string) {
    const handler = await getRunnableJob("send_mail")!.loadHandler();
    await handler(ctx, { template: "request_received", requestId }, { jobId: "test", attempts: 1, signal: new AbortController().signal });
    return sink.next();
  }

  it("[CONSUMER]: the receipt of a signed-permission request names the agent and sends the consumer to the confirmation mail first, in English and Spanish (R7, R21)", async () => {
    const agent = await activeAgent("Alex Advocate");
    const en = await submitted(agent, "Alex Advocate", "en");
    const enMail = await receiptOf(en.requestId);
    expect(recipient(enMail)).toBe(en.consumer);
    expect(enMail.subject).toBe(`We received a request Alex Advocate made for you (${en.requestId})`);
    expect(enMail.text).toContain("It was made for you by Alex Advocate, who says you authorized them to act for you.");
    expect(enMail.text).toContain('first, answer the separate e-mail we sent you asking "Did you authorize Alex Advocate to ask Parlay for your information?"');
    expect(enMail.text).not.toContain("confirm your identity on the request page");

    const es = await submitted(agent, "Alex Advocate", "es");
    const esMail = await receiptOf(es.requestId);
    expect(esMail.subject).toBe(`Recibimos una solicitud que Alex Advocate hizo en su nombre (${es.requestId})`);
    expect(esMail.text).toContain("La hizo en su nombre Alex Advocate, que dice que usted le autorizó a actuar por usted.");
    expect(esMail.text).toContain('primero, responda el correo aparte que le enviamos con la pregunta "¿Autorizó a Alex Advocate a pedir su información a Parlay?"');
  });

  it("[CONSUMER]: the receipt of a power-of-attorney request names the holder and asks nothing of the consumer, in English and Spanish (R22)", async () => {
    const agent = await activeAgent("Pat Attorney-in-fact");
    for (const language of ["en", "es"] as const) {
      // The POA path matches data points against the demo business; here only its receipt matters.
      const requestId = await insertRequestRow(t.db, { channel: "agent", agent_id: agent.id, language, state: "collecting" });
      await t.db
        .insertInto("authorizations")
        .values({ id: newId(), request_id: requestId, agent_id: agent.id, kind: "power_of_attorney", storage_key: newId(), mime_type: "application/pdf", size_bytes: 1, sha256: "0".repeat(64), consumer_confirmed_at: null, consumer_refused_at: null, release_to_agent: null, created_at: toDbTime(new Date()) })
        .execute();
      const mail = await receiptOf(requestId);
      if (language === "en") {
        expect(mail.text).toContain("It was made for you by Pat Attorney-in-fact, who holds a power of attorney for you.");
        expect(mail.text).toContain("What happens next: nothing is needed from you.");
      } else {
        expect(mail.text).toContain("La hizo en su nombre Pat Attorney-in-fact, que tiene un poder notarial suyo.");
        expect(mail.text).toContain("Qué sigue: usted no tiene que hacer nada.");
      }
      expect(mail.text).not.toMatch(/Did you authorize|Autorizó a/);
    }
  });

  it("[CONSUMER]: while the agent's confirmation is pending, the status page names the agent and the data-point step is not offered", async () => {
    const page = { app: ctx, cspNonce: "" } as AppLoadContext;
    const agent = await activeAgent("Alex Advocate");
    const { requestId, token } = await submitted(agent, "Alex Advocate");
    expect((await loadConsumerRequest(page, requestId, "en")).agent).toEqual({ agentName: "Alex Advocate", authorizationKind: "signed_permission", confirmationPending: true });
    expect(await needsConfirmation(page, requestId)).toBe(false);
    await answerAgentAuthorization(ctx, { token, answer: "confirmed" });
    expect((await loadConsumerRequest(page, requestId, "en")).agent).toMatchObject({ confirmationPending: false });
    expect(await needsConfirmation(page, requestId)).toBe(true);
  });

  it("[AGENT]: sending the confirmation again mails a new link in the request's language, and the old link stops working", async () => {
    const agent = await activeAgent("Alex Advocate");
    const { requestId, consumer, token: first } = await submitted(agent, "Alex Advocate", "es");
    const later = new Date(Date.now() + 11 * MINUTE);
    expect(await resendAgentConfirmation(ctx, { agentId: agent.id, requestId, now: later })).toEqual({ status: "sent", resendsLeft: 4 });
    const mail = await sink.next();
    expect(recipient(mail)).toBe(consumer);
    expect(mail.subject).toBe("¿Autorizó a Alex Advocate a pedir su información a Parlay?");
    const second = linkToken(mail.text ?? "", "/authorize");
    expect(second).not.toBe(first);

    expect(await readConsumerAuthorization(ctx, { token: first, now: later })).toBeNull();
    expect(await answerAgentAuthorization(ctx, { token: first, answer: "confirmed", now: later })).toEqual({ status: "invalid" });
    expect(await answerAgentAuthorization(ctx, { token: second, answer: "confirmed", now: later })).toEqual({ status: "confirmed", requestId });
    // Answered: nothing left to send, and the page no longer offers it.
    expect(await resendAgentConfirmation(ctx, { agentId: agent.id, requestId, now: new Date(later.getTime() + 11 * MINUTE) })).toEqual({ status: "not_pending" });
    expect((await getAgentRequest(ctx, { agentId: agent.id, requestId })).confirmationResend).toBeNull();
    const actions = await t.db.selectFrom("audit_events").select(["action", "actor_id"]).where("request_id", "=", requestId).where("action", "=", "agent.confirmation_resent").execute();
    expect(actions).toEqual([{ action: "agent.confirmation_resent", actor_id: agent.id }]);
  });

  it("[AGENT]: the mail goes again at most once per 10 minutes and 5 times per request", async () => {
    const agent = await activeAgent("Alex Advocate");
    const { requestId } = await submitted(agent, "Alex Advocate");
    const start = Date.now();
    for (let i = 1; i <= 5; i += 1) {
      // The first resend may follow the submission at once; each later one waits 10 minutes.
      const at = new Date(start + (i - 1) * 11 * MINUTE);
      expect(await resendAgentConfirmation(ctx, { agentId: agent.id, requestId, now: at })).toEqual({ status: "sent", resendsLeft: 5 - i });
      await sink.next();
      const tooSoon = await resendAgentConfirmation(ctx, { agentId: agent.id, requestId, now: new Date(at.getTime() + 9 * MINUTE) });
      if (i < 5) expect(tooSoon).toEqual({ status: "too_soon", retryAt: new Date(at.getTime() + 10 * MINUTE).toISOString() });
    }
    expect(await resendAgentConfirmation(ctx, { agentId: agent.id, requestId, now: new Date(start + 2 * 86_400_000) })).toEqual({ status: "limit_reached" });
    await expect(sink.next(300)).rejects.toThrow("no mail arrived");
    expect((await getAgentRequest(ctx, { agentId: agent.id, requestId, now: new Date(start + 2 * 86_400_000) })).confirmationResend).toEqual({ resendsLeft: 0, retryAt: null });
  });

  it("[SECURITY]: another agent cannot send the confirmation again: the request reads as not found (X10)", async () => {
    const owner = await activeAgent("Alex Advocate");
    const other = await activeAgent("Oscar Other");
    const { requestId, token } = await submitted(owner, "Alex Advocate");
    const later = new Date(Date.now() + 11 * MINUTE);
    await expect(resendAgentConfirmation(ctx, { agentId: other.id, requestId, now: later })).rejects.toMatchObject({ code: "not_found" });
    await expect(sink.next(300)).rejects.toThrow("no mail arrived");
    expect(await readConsumerAuthorization(ctx, { token, now: later })).not.toBeNull();
  });
});
