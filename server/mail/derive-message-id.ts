import { createHash } from "node:crypto";

/**
 * The RFC 5322 Message-ID of one lifecycle mail, derived from what makes it unique (request,
 * template, occurrence), so every retry of it carries the same one and receiving servers and mail
 * clients can drop the copy (issue 16 item 9, ADR 041). The right-hand side is the sender's
 * domain (RFC 5322 §3.6.4); the left a hash, so the header tells nothing about the request.
 *
 * @example deriveMessageId("01J…:request_received", "Parlay Privacy <privacy@parlay.example>") // "<3f1c…@parlay.example>"
 */
export function deriveMessageId(onceKey: string, mailFrom: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom)?.[1] ?? "localhost";
  return `<${createHash("sha256").update(`rtk-mail:${onceKey}`).digest("hex").slice(0, 40)}@${domain}>`;
}
