import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../../db/client";
import { migrateToLatest } from "../../../db/migrate";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { getRunnableJob } from "../../../server/jobs/registry";
import { createRequest } from "../../../server/requests/create-request";
import type { TestDatabase } from "../../support/dialects";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { backdatedRequestInput, createTestContext, durableDialects } from "../../support/test-context";

// Issue 16 item 9 (ADR 041): a database outage between sending a mail and recording it must not
// give the consumer two different messages, nor leave the audit trail knowing of one attempt only.
// The fault is real: the worker's own database connection is closed while the mail server holds
// the message, before it answers, so the send succeeds and every later write fails.
describe.each(durableDialects())("mail once across a database outage on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let sink: SmtpSink;
  let outage: (() => Promise<void>) | null = null;

  beforeAll(async () => {
    t = await dialect.create<Database>();
    await migrateToLatest(t.db);
    sink = await startSmtpSink({
      beforeAccept: async () => {
        const cut = outage;
        outage = null;
        await cut?.();
      },
    });
  });
  afterAll(async () => {
    await sink?.close();
    await t?.cleanup();
  });

  /** A worker process's view: its own connection to the same database and the same mail server. */
  function workerContext(): { ctx: AppContext; close: () => Promise<void> } {
    const handle = openDb<Database>(t.url);
    return { ctx: createTestContext({ db: handle.db, dialect: handle.dialect, url: t.url }, { SMTP_URL: sink.url }), close: () => handle.db.destroy() };
  }

  async function runSendMail(ctx: AppContext, requestId: string): Promise<void> {
    const handler = await getRunnableJob("send_mail")!.loadHandler();
    await handler(ctx, { template: "request_received", requestId }, { jobId: "job-1", attempts: 1, signal: new AbortController().signal });
  }

  it("[CONSUMER]: a retry after the outage re-sends with the same Message-ID, and the audit counts both attempts and one outcome", async () => {
    const setup = workerContext();
    const { id } = await createRequest(setup.ctx, backdatedRequestInput(0));
    await setup.close();

    const first = workerContext();
    outage = first.close;
    await expect(runSendMail(first.ctx, id)).rejects.toThrow();
    expect(sink.messages).toHaveLength(1);

    // The job is retried by a worker with a working connection.
    const second = workerContext();
    await runSendMail(second.ctx, id);
    // A third run (say, a duplicate job) sends nothing: the outcome is recorded.
    await runSendMail(second.ctx, id);
    await second.close();

    expect(sink.messages).toHaveLength(2);
    const [a, b] = sink.messages;
    expect(a!.messageId).toMatch(/^<[0-9a-f]{40}@parlay\.example>$/);
    expect(b!.messageId).toBe(a!.messageId);
    expect(b!.subject).toBe(a!.subject);

    const audit = await t.db.selectFrom("audit_events").select(["action", "details"]).where("request_id", "=", id).where("action", "like", "mail.%").orderBy("seq", "asc").execute();
    expect(audit.map((r) => [r.action, JSON.parse(r.details)])).toEqual([
      ["mail.attempted", { template: "request_received", attempt: 1 }],
      ["mail.attempted", { template: "request_received", attempt: 2 }],
      ["mail.sent", { template: "request_received", once: "request_received" }],
    ]);
    const row = await t.db.selectFrom("mail_sends").selectAll().where("request_id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 2, message_id: a!.messageId, sent_at: expect.any(String) });
  });
});
