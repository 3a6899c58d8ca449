import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { Env } from "../env";
import { newId } from "../lib/ids";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A fixed Message-ID (with angle brackets), the same on every retry of one mail (ADR 041). */
  messageId?: string;
}

export interface MailTransport {
  kind: "smtp" | "outbox";
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * SMTP when SMTP_URL is set; otherwise (never in production: server/env.ts refuses it) each message
 * is written as JSON to DATA_DIR/outbox, where the portal's /dev/outbox page shows it to a newcomer.
 */
export function createMailTransport(env: Env): MailTransport {
  if (env.SMTP_URL) {
    const transporter = nodemailer.createTransport(env.SMTP_URL);
    return {
      kind: "smtp",
      async send(mail) {
        const info = await transporter.sendMail({ from: env.MAIL_FROM, ...mail });
        return { messageId: String(info.messageId) };
      },
      close: () => transporter.close(),
    };
  }
  const dir = path.join(env.DATA_DIR, "outbox");
  return {
    kind: "outbox",
    async send(mail) {
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const messageId = mail.messageId ?? newId();
      const sentAt = new Date().toISOString();
      // Name sorts by time; write-then-rename so a reader never sees half a message.
      const file = path.join(dir, `${sentAt.replace(/[:.]/g, "-")}-${messageId}.json`);
      await fs.writeFile(`${file}.tmp`, JSON.stringify({ messageId, sentAt, from: env.MAIL_FROM, ...mail }, null, 2), { mode: 0o600 });
      await fs.rename(`${file}.tmp`, file);
      return { messageId };
    },
    close: () => {},
  };
}
