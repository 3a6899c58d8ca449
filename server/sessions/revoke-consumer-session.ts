import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { revokeConsumerSessions } from "./consumer-sessions.repository";
import { hashSessionToken } from "./session-token";

export type RevokeConsumerSessionInput =
  /** Sign out this browser. */
  | { token: string; now?: Date }
  /** Sign out everywhere, e.g. when ops puts a request on hold for suspected fraud (7061(b); X11). */
  | { requestId: string; now?: Date };

/**
 * Ends consumer sessions at once; the rows stay (with revoked_at) as a record of access. Download
 * links bound to a revoked session stop working with it, because they check the session (X9).
 * Returns how many sessions were ended (0 for an unknown or malformed token).
 */
export async function revokeConsumerSession(ctx: AppContext, input: RevokeConsumerSessionInput): Promise<number> {
  const now = toDbTime(input.now ?? new Date());
  let revoked: number;
  if ("token" in input) {
    const id = hashSessionToken(input.token);
    revoked = id ? await revokeConsumerSessions(ctx.db, { id, now }) : 0;
  } else {
    revoked = await revokeConsumerSessions(ctx.db, { requestId: input.requestId, now });
  }
  if (revoked > 0) ctx.logger.info({ revoked, requestId: "requestId" in input ? input.requestId : undefined }, "consumer sessions revoked");
  return revoked;
}
