import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { insertConsumerSession } from "./consumer-sessions.repository";
import { mintSessionToken } from "./session-token";

/**
 * Two hours, fixed from verification, never extended by use. The session unlocks a disclosure, so
 * it should be short (11 CCR 7024(f), 7061(a): re-authenticate before disclosing); fixed rather
 * than sliding so a stolen cookie cannot be kept alive, and so reading a session needs no write.
 * Two hours covers reading the status page and downloading both files; after that a new e-mail
 * code opens a new session (ADR 003, ADR 009).
 */
export const CONSUMER_SESSION_SECONDS = 2 * 60 * 60;

export interface CreatedConsumerSession {
  /** Goes in the cookie, once; never stored or logged. */
  token: string;
  /** SHA-256 of the token: the row id, and what download links bind to (X9). */
  id: string;
  expiresAt: Date;
}

/**
 * Opens a session bound to ONE request, after its requester proved control of the request's
 * e-mail (checkEmailCode returned "ok"). Callers must not create one on any other ground: the
 * session is what lets a browser see the request and, later, its disclosure (7024(a); X10).
 */
export async function createConsumerSession(ctx: AppContext, input: { requestId: string; now?: Date }): Promise<CreatedConsumerSession> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + CONSUMER_SESSION_SECONDS * 1000);
  const { token, id } = mintSessionToken();
  await insertConsumerSession(ctx.db, {
    id,
    request_id: input.requestId,
    created_at: toDbTime(now),
    expires_at: toDbTime(expiresAt),
    revoked_at: null,
  });
  // A prefix of the hash correlates log lines without being a usable token.
  ctx.logger.info({ sessionId: id.slice(0, 12), requestId: input.requestId }, "consumer session created");
  return { token, id, expiresAt };
}
