import { createHash } from "node:crypto";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { DrpError } from "./drp-error";
import { markDrpMessageSeen } from "./drp-replays.repository";
import { openSignedMessage } from "./open-signed-message";

/** Agent clocks drift: an issued-at up to this far in our future is accepted (DRP 1.0 §3.07 is strict). */
export const ISSUED_AT_SKEW_MS = 60_000;
/**
 * How far ahead expires-at may be, and how long an envelope-less body (a revoke's bare reason) is
 * remembered. The age of issued-at is capped separately, by DRP_MESSAGE_MAX_AGE_SECONDS (default
 * 15 minutes, issue 16 item 8): a message is accepted only while both hold.
 */
export const MAX_WINDOW_MS = 24 * 3600_000;

export interface AcceptSignedMessageInput {
  /** The raw request body: base64 of signature ‖ JSON. */
  body: string;
  /** The agent the signature must come from: the URL's agent (pairwise setup) or the token's. */
  agent: { drpAgentId: string; verifyKey: string };
  /**
   * Revoke bodies carry just `reason` in the spec's example and in the reference agent; their
   * envelope claims are checked when present. Everything else must carry the full envelope.
   */
  envelopeOptional?: boolean;
  /**
   * What the message acts on, e.g. the request id of a revoke: part of the replay key, so the
   * envelope-less {"reason": …} body an agent signs for one request still works for another.
   */
  scope?: string;
  /** POST /v1/agent/{id} answers every failure with a bare 403 (DRP 1.0 §2.05). */
  emptyBody?: boolean;
  now?: Date;
}

/**
 * Verifies a signed DRP body in the spec's order (DRP 1.0 §3.07) and returns its claims: the
 * signature with the agent's directory key, then `agent-id` equals that agent (no replaying one
 * agent's message as another's), `business-id` equals DRP_BUSINESS_ID (no cross-business replay),
 * now is after `issued-at` and before `expires-at`. Last, the body is remembered until it expires,
 * so the same bytes are refused a second time. The claims are parsed from the bytes as signed.
 * Throws DrpError 403 (expired and replayed ones fatal) or 400 for a signed body that is not a JSON object.
 */
export async function acceptSignedMessage(ctx: AppContext, input: AcceptSignedMessageInput): Promise<Record<string, unknown>> {
  const { claims, replay } = verifySignedMessage(ctx, input);
  const fresh = await markDrpMessageSeen(ctx.db, replay);
  if (!fresh) throw replayRefusal(input);
  return claims;
}

/** The replay marker of a verified message: record it with markDrpMessageSeen. */
export interface ReplayMark {
  id: string;
  expiresAt: string;
  now: string;
}

/** The fatal 403 for a signed body received before. */
export function replayRefusal(input: Pick<AcceptSignedMessageInput, "emptyBody">): DrpError {
  return new DrpError(403, "This signed message was already received.", { fatal: true, emptyBody: input.emptyBody });
}

/**
 * acceptSignedMessage without the replay marker: the caller records `replay` in the transaction
 * that acts on the message (submitDrpRequest), so a body whose request failed to commit is not
 * burned and its exact resend is answered (issue 16 item 9).
 */
export function verifySignedMessage(ctx: AppContext, input: AcceptSignedMessageInput): { claims: Record<string, unknown>; replay: ReplayMark } {
  const now = input.now ?? new Date();
  const refuse = (message: string, fatal = false): DrpError => new DrpError(403, message, { fatal, emptyBody: input.emptyBody });
  const message = openSignedMessage(input.body, input.agent.verifyKey);
  if (!message) throw refuse("The signature does not verify with the agent's key.");
  let claims: unknown;
  try {
    claims = JSON.parse(message.toString("utf8"));
  } catch {
    claims = null;
  }
  if (typeof claims !== "object" || claims === null || Array.isArray(claims)) {
    if (input.emptyBody) throw refuse("The signed message is not a JSON object.");
    throw new DrpError(400, "The signed message is not a JSON object.", { fatal: true });
  }
  const c = claims as Record<string, unknown>;
  const hasEnvelope = ["agent-id", "business-id", "issued-at", "expires-at"].some((k) => k in c);
  let expiresAt = new Date(now.getTime() + MAX_WINDOW_MS);
  if (hasEnvelope || !input.envelopeOptional) {
    if (c["agent-id"] !== input.agent.drpAgentId) throw refuse("The agent-id claim does not match the agent.");
    if (c["business-id"] !== ctx.env.DRP_BUSINESS_ID) throw refuse("The business-id claim does not name this business.");
    const issuedAt = parseTime(c["issued-at"]);
    if (issuedAt === null || issuedAt > now.getTime() + ISSUED_AT_SKEW_MS) throw refuse("The issued-at claim is missing or in the future.");
    const maxAgeMs = ctx.env.DRP_MESSAGE_MAX_AGE_SECONDS * 1000;
    if (now.getTime() - issuedAt > maxAgeMs) throw refuse(`The message was issued more than ${ctx.env.DRP_MESSAGE_MAX_AGE_SECONDS} seconds ago.`, true);
    const expires = parseTime(c["expires-at"]);
    if (expires === null || expires <= now.getTime()) throw refuse("The message has expired.", true);
    if (expires - now.getTime() > MAX_WINDOW_MS) throw refuse("The expires-at claim is more than 24 hours ahead.", true);
    // Remembered only while it could be accepted: past issued-at + max age the age check refuses it.
    expiresAt = new Date(Math.min(expires, issuedAt + maxAgeMs));
  }
  const id = createHash("sha256").update(`${input.agent.drpAgentId}\n${input.scope ?? ""}\n`).update(message).digest("hex");
  return { claims: c, replay: { id, expiresAt: toDbTime(expiresAt), now: toDbTime(now) } };
}

/** ISO 8601 with Z or an offset (Python's isoformat() writes "+00:00"); null when unusable. */
function parseTime(value: unknown): number | null {
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
