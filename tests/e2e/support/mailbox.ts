import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { E2E_MAIL_DIR } from "./e2e-settings";

// How e2e tests read the mail the portal sends. One place, so every spec reads mail the same way:
// the portal sends through nodemailer to a real SMTP server on loopback (smtp-sink-server.ts,
// started by playwright.config.ts), which keeps each message it received as a JSON file here.

export interface Mail {
  /** When the SMTP server accepted the message (ISO time, the same clock as the tests'). */
  sentAt: string;
  /** The envelope recipient (RCPT TO). */
  to: string;
  subject: string;
  text: string;
}

function readAll(): Mail[] {
  if (!fs.existsSync(E2E_MAIL_DIR)) return [];
  return fs
    .readdirSync(E2E_MAIL_DIR)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((n) => JSON.parse(fs.readFileSync(path.join(E2E_MAIL_DIR, n), "utf8")) as Mail);
}

/** Every mail sent to `to` so far, oldest first. */
export function mailsTo(to: string): Mail[] {
  const address = to.toLowerCase();
  return readAll().filter((m) => m.to.toLowerCase() === address);
}

/** The newest mail to `to` sent at or after `since` (ISO time) whose subject matches; waits for the worker. */
export async function mailTo(to: string, subject: RegExp, since = "", timeout = 20_000): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      () => (found = mailsTo(to).reverse().find((m) => m.sentAt >= since && subject.test(m.subject))),
      { timeout, message: `mail to the test address matching ${subject}` },
    )
    .toBeTruthy();
  return found!;
}

/** The 6-digit one-time code in a verification mail. */
export const codeIn = (mail: Mail): string => /\b(\d{6})\b/.exec(mail.text)![1]!;
