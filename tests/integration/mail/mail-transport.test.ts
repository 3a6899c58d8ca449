import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../../server/env";
import { createMailTransport } from "../../../server/mail/create-mail-transport";
import { renderMail } from "../../../server/mail/mail-templates";
import { readOutbox } from "../../../server/mail/read-outbox";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink";

const params = {
  name: "Zoë Núñez",
  requestId: "9m4e2k7q0c1v8r3t5x6z7b8n9d",
  receiptDate: "2026-11-29",
  dueDate: "2027-01-12",
  statusUrl: "http://127.0.0.1:3000/requests/9m4e2k7q0c1v8r3t5x6z7b8n9d",
  businessName: "Parlay",
  privacyPolicyUrl: "https://parlay.example/legal/privacy",
};

describe("mail transport", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  it("[CONSUMER]: sends the confirmation through a real SMTP server, in Spanish with accents intact", async () => {
    const env = parseEnv({ SMTP_URL: sink.url, DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "rtk-mail-")) });
    const transport = createMailTransport(env);
    expect(transport.kind).toBe("smtp");
    const mail = renderMail("request_received", "es", params);
    await transport.send({ to: "zoe@example.test", ...mail });
    transport.close();
    const received = await sink.next();
    expect(received.subject).toBe("Recibimos su solicitud (9m4e2k7q0c1v8r3t5x6z7b8n9d)");
    expect(received.text).toContain("Hola Zoë Núñez:");
    expect(received.text).toContain("a más tardar el 12 de enero de 2027");
    expect(received.from?.text).toContain("privacy@parlay.example");
  });

  it("[CONSUMER]: without SMTP_URL writes the message to the outbox under DATA_DIR, newest first", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-outbox-"));
    const env = parseEnv({ DATA_DIR: dataDir });
    const transport = createMailTransport(env);
    expect(transport.kind).toBe("outbox");
    await transport.send({ to: "a@example.test", ...renderMail("verification_code", "en", { ...params, code: "042917" }) });
    await transport.send({ to: "b@example.test", ...renderMail("report_ready", "en", params) });
    const messages = await readOutbox(env);
    expect(messages.map((m) => m.to)).toEqual(["b@example.test", "a@example.test"]);
    expect(messages[1]!.text).toContain("Your one-time code is 042917.");
    expect(fs.readdirSync(path.join(dataDir, "outbox")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("[CONSUMER]: the ready notice never carries the disclosure itself, only the link", () => {
    const { text } = renderMail("report_ready", "en", params);
    expect(text).toContain(params.statusUrl);
    expect(text).toContain("not attached");
  });
});
