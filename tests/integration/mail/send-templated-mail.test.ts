import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/schema";
import type { AppContext } from "../../../server/context";
import { getRunnableJob } from "../../../server/jobs/registry";
import { createRequest } from "../../../server/requests/create-request";
import { extendRequest } from "../../../server/requests/extend-request";
import { transitionRequest } from "../../../server/requests/transition-request";
import type { TestDatabase } from "../../support/dialects";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";
import { createMigratedContext, createTestContext, sampleRequestInput } from "../../support/test-context";
import { testDialects } from "../../support/dialects";

describe.each(testDialects())("send_mail job on $name", (dialect) => {
  let t: TestDatabase<Database>;
  let ctx: AppContext;
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
    ({ t } = await createMigratedContext(dialect));
    ctx = createTestContext(t, { SMTP_URL: sink.url, PUBLIC_URL: "https://privacy.parlay.example" });
  });
  afterAll(async () => {
    await t?.cleanup();
    await sink?.close();
  });

  async function runSendMail(template: string, requestId: string): Promise<void> {
    const handler = await getRunnableJob("send_mail")!.loadHandler();
    await handler(ctx, { template, requestId }, { jobId: "test", attempts: 1, signal: new AbortController().signal });
  }

  it("[CONSUMER]: the confirmation carries the request id, receipt and due dates, once even if the job runs twice", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput({ language: "es" }));
    await runSendMail("request_received", id);
    await runSendMail("request_received", id);
    const mail = await sink.next();
    const row = await t.db.selectFrom("requests").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(mail.to && "text" in mail.to ? mail.to.text : "").toBe("ana@example.test");
    expect(mail.subject).toBe(`Recibimos su solicitud (${id})`);
    // Dates the Spanish way, as the pages write them ("2 de marzo de 2026"), never "2026-03-02".
    const spanish = (date: string) => new Intl.DateTimeFormat("es-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
    expect(spanish(row.receipt_date)).toMatch(/^\d{1,2} de [a-z]+ de \d{4}$/);
    expect(mail.text).toContain(`el ${spanish(row.receipt_date)}`);
    expect(mail.text).toContain(`a más tardar el ${spanish(row.due_date)}`);
    expect(mail.text).not.toContain(row.due_date);
    // R7 (11 CCR 7021(a)): the confirmation says the business may extend once.
    expect(mail.text).toContain("podemos prorrogar el plazo una sola vez, hasta 45 días más");
    expect(mail.text).toContain(`https://privacy.parlay.example/requests/${id}`);
    await expect(sink.next(500)).rejects.toThrow("no mail arrived");
  });

  it("[CONSUMER]: the extension notice states the reason and the new date (M-EXT)", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    const { extendedDueDate } = await extendRequest(ctx, {
      requestId: id,
      actor: { kind: "staff", id: "staff000000000000000000001" },
      reason: "one of our billing systems is being migrated and its records take longer to retrieve",
    });
    await runSendMail("request_extended", id);
    const mail = await sink.next();
    // The reviewer's words stand apart as a quoted block, not mid-sentence (issue 17.4).
    expect(mail.text).toContain("We need more time to respond. Our reason:\n\n> one of our billing systems is being migrated and its records take longer to retrieve\n\nWe will respond by");
    const english = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${extendedDueDate}T12:00:00Z`));
    expect(mail.text).toContain(`We will respond by ${english}`);
  });

  it("[CONSUMER]: a denial explains its basis in plain language", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput({ californiaResident: false }));
    await transitionRequest(ctx, {
      requestId: id,
      to: "denied",
      denialReason: "not_a_consumer",
      reason: "declared not a California resident",
      actor: { kind: "staff", id: "staff000000000000000000001" },
    });
    await runSendMail("request_denied", id);
    const mail = await sink.next();
    expect(mail.text).toContain("We are not able to fulfil your request, because this process is for California residents");
    expect(mail.text).toContain("ask us to reconsider");
  });

  it("[CONSUMER]: a denial for another reason quotes the reviewer's text as a block, in Spanish too (17.4)", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput({ language: "es" }));
    await transitionRequest(ctx, {
      requestId: id,
      to: "denied",
      denialReason: "other",
      reason: "Nuestro sistema no guarda datos de cuentas cerradas antes de 2020.\nLe explicamos más si nos escribe.",
      actor: { kind: "staff", id: "staff000000000000000000001" },
    });
    await runSendMail("request_denied", id);
    const mail = await sink.next();
    expect(mail.text).toContain("No podemos atender su solicitud. Nuestra razón:\n\n> Nuestro sistema no guarda datos de cuentas cerradas antes de 2020.\n> Le explicamos más si nos escribe.\n\nSi cree que nos equivocamos");
    expect(mail.text).not.toContain("porque Nuestro");
  });

  it("[SECURITY]: refuses an unknown template and the one-time-code template", async () => {
    const { id } = await createRequest(ctx, sampleRequestInput());
    await expect(runSendMail("verification_code", id)).rejects.toMatchObject({ code: "validation" });
    await expect(runSendMail("no_such_template", id)).rejects.toMatchObject({ code: "validation" });
  });
});
