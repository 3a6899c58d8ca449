// A real SMTP server on loopback for the e2e run (DESIGN.md §7: real parts only). Playwright starts
// it beside the portal (playwright.config.ts), the portal sends to it through nodemailer
// (SMTP_URL), and it writes every message it accepts to E2E_MAIL_DIR as one JSON file per
// recipient, which tests/e2e/support/mailbox.ts reads. Run: node --import tsx tests/e2e/support/smtp-sink-server.ts
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { E2E_MAIL_DIR, E2E_SMTP_PORT } from "./e2e-settings";

// Each run starts with an empty mailbox: a previous run's codes must never be typed by this one.
fs.rmSync(E2E_MAIL_DIR, { recursive: true, force: true });
fs.mkdirSync(E2E_MAIL_DIR, { recursive: true });
let sequence = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then((parsed) => {
      const sentAt = new Date().toISOString();
      // The envelope says who the message was really delivered to (RCPT TO), whatever the headers say.
      for (const rcpt of session.envelope.rcptTo) {
        sequence += 1;
        const mail = {
          sentAt,
          to: rcpt.address,
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          from: parsed.from?.text ?? null,
          messageId: parsed.messageId ?? null,
        };
        const file = path.join(E2E_MAIL_DIR, `${sentAt.replace(/[:.]/g, "-")}-${String(sequence).padStart(6, "0")}.json`);
        // Write then rename: a reader polling the folder never sees half a message.
        fs.writeFileSync(`${file}.tmp`, JSON.stringify(mail, null, 2));
        fs.renameSync(`${file}.tmp`, file);
      }
      callback();
    }, callback);
  },
});

server.on("error", (error) => console.error("smtp sink:", error.message));
server.listen(E2E_SMTP_PORT, "127.0.0.1", () => console.log(`smtp sink on 127.0.0.1:${E2E_SMTP_PORT}, mail in ${E2E_MAIL_DIR}`));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => server.close(() => process.exit(0)));
