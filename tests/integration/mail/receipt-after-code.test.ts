import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { getRunnableJob } from "../../../server/jobs/registry";
import { createRequest } from "../../../server/requests/create-request";
import { extendRequest } from "../../../server/requests/extend-request";
import { checkEmailCode } from "../../../server/verification/check-email-code";
import { issueEmailCode } from "../../../server/verification/issue-email-code";
import { testDialects, type TestDatabase } from "../../support/dialects";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { createMigratedContext, createTestContext, sampleRequestInput } from "../../support/test-context";
import { codeIn, TEST_SESSION_SECRET, uniqueEmail } from "../verification/fixtures";

// Issue 16 item 2: anyone could make the business mail its "we received your request" receipt,
// with any text typed as the name (newlines, a phishing link), to any address. Now an unproven
// address gets only the code mail, which carries no text from the form; the receipt follows the
// first code entered, still with the original receipt and due dates (R7, 11 CCR 7021(a)); and a
// notice that must go to a never-proven address (an extension) leaves the typed name out.

const HOSTILE_NAME = "Ana\r\nBcc: victim@evil.example\r\n\r\nYour account is locked: https://evil.example/login \u202Eexe.gnp";

describe.each(testDialects())("receipt after the code, on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ t } = await createMigratedContext(dialect));
    ctx = createTestContext(t, { SMTP_URL: sink.url, SESSION_SECRET: TEST_SESSION_SECRET, PUBLIC_URL: "https://privacy.parlay.example" });
  });
  afterAll(async () => {
    await t?.cleanup();
    await sink?.close();
  });

  const receiptJobs = (id: string) => t.db.selectFrom("jobs").select(["payload", "state"]).where("idempotency_key", "=", `send_mail:request_received:${id}`).execute();
  async function runSendMail(template: string, requestId: string): Promise<void> {
    const handler = await getRunnableJob("send_mail")!.loadHandler();
    await handler(ctx, { template, requestId }, { jobId: "test", attempts: 1, signal: new AbortController().signal });
  }

  it("[R7]: a web request mails only the code, with no text from the form, until the code is entered; then the receipt with the original dates", async () => {
    const email = uniqueEmail();
    const created = await createRequest(ctx, sampleRequestInput({ subject: { name: HOSTILE_NAME, email } }));
    expect(await receiptJobs(created.id)).toEqual([]);

    expect((await issueEmailCode(ctx, { requestId: created.id, email, language: "en", businessName: "Parlay" })).status).toBe("sent");
    const codeMail = await sink.next();
    for (const part of [codeMail.subject ?? "", codeMail.text ?? ""]) {
      expect(part).not.toMatch(/Ana|evil|Bcc|locked/i);
    }
    expect(codeMail.headers.get("bcc")).toBeUndefined();
    expect(await receiptJobs(created.id)).toEqual([]);

    expect(await checkEmailCode(ctx, { requestId: created.id, code: codeIn(codeMail.text) })).toEqual({ status: "ok" });
    const jobs = await receiptJobs(created.id);
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload)).toEqual({ template: "request_received", requestId: created.id });

    await runSendMail("request_received", created.id);
    const receipt = await sink.next();
    expect(receipt.headers.get("bcc")).toBeUndefined();
    // Dates as the pages write them ("March 2, 2026"), the original receipt and due dates.
    const written = (date: string) => new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
    expect(receipt.text).toContain(`We received your request to know on ${written(created.receiptDate)}`);
    expect(receipt.text).toContain(`We will answer by ${written(created.dueDate)} at the latest`);
    // The name is printed now the address is proven, but as one plain line with no link in it.
    const greeting = receipt.text!.split("\n")[0]!;
    expect(greeting).toBe("Hello Ana Bcc: victim[at]evil[.]example Your account is locked: https[:]//evil[.]example/login exe[.]gnp,");
    expect(receipt.text).not.toMatch(/evil\.example|https?:\/\/evil|\u202E/);
  });

  it("[R9]: a notice to a never-proven address (an extension) leaves the typed name out", async () => {
    const created = await createRequest(ctx, sampleRequestInput({ subject: { name: HOSTILE_NAME, email: uniqueEmail() } }));
    await extendRequest(ctx, { requestId: created.id, actor: { kind: "staff", id: "staff000000000000000000001" }, reason: "one of our billing systems is being migrated" });
    await runSendMail("request_extended", created.id);
    const mail = await sink.next();
    expect(mail.text!.startsWith("Hello,\n")).toBe(true);
    expect(mail.text).not.toMatch(/Ana|evil|Bcc|locked/i);
    expect(mail.text).toContain("Our reason:\n\n> one of our billing systems is being migrated");
  });
});
