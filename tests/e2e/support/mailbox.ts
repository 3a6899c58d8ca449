import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";

// How e2e tests read the mail the portal sends. One place, so every spec reads mail the same way.
// (Issue 6 moves this from the dev outbox to a real SMTP server on loopback; the signature stays.)

const OUTBOX = path.join(process.env.E2E_DATA_DIR ?? "test-results/e2e-data", "outbox");

export interface Mail {
  sentAt: string;
  to: string;
  subject: string;
  text: string;
}

function readAll(): Mail[] {
  if (!fs.existsSync(OUTBOX)) return [];
  return fs
    .readdirSync(OUTBOX)
    .filter((n) => n.endsWith(".json"))
    .sort()
    .map((n) => JSON.parse(fs.readFileSync(path.join(OUTBOX, n), "utf8")) as Mail);
}

/** Every mail sent to `to` so far, oldest first. */
export function mailsTo(to: string): Mail[] {
  return readAll().filter((m) => m.to === to);
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
