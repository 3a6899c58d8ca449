import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { isAppError } from "../lib/errors";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { transitionRequest } from "../requests/transition-request";
import { acceptSignedMessage } from "./accept-signed-message";
import type { DrpCaller } from "./authenticate-drp-agent";
import { DrpError } from "./drp-error";
import { markDrpRequestRevoked } from "./drp-requests.repository";
import type { DrpStatus } from "./drp-status.shared";
import { getDrpStatus } from "./get-drp-status";

/**
 * DELETE /v1/data-rights-request/{request_id} (DRP 1.0 §2.04): the consumer withdrew the request
 * through the agent. The body must be signed by the token's agent; its envelope claims are checked
 * when present (the spec's example and the reference agent send only `reason`). The request is
 * cancelled by the requester (no reason needed, request-states.shared.ts) and reads as "revoked".
 * The free-text reason is not stored: it is the consumer's words and may name people.
 * A request already answered (delivered, denied, expired) cannot be revoked: 409, not fatal (the
 * request itself is fine and its status still answers; issue 16 item 7).
 */
export async function revokeDrpRequest(ctx: AppContext, input: { caller: DrpCaller; requestId: string; body: string; now?: Date }): Promise<DrpStatus> {
  const now = input.now ?? new Date();
  await getDrpStatus(ctx, input); // 404 / 403 before the body is even looked at
  const { agent, entry } = input.caller;
  await acceptSignedMessage(ctx, { body: input.body, agent: { drpAgentId: entry.id, verifyKey: entry.verify_key }, envelopeOptional: true, scope: input.requestId, now });
  try {
    await runInWriteTransaction(ctx, async (tx) => {
      await markDrpRequestRevoked(tx.db, input.requestId, toDbTime(now));
      await transitionRequest(tx, { requestId: input.requestId, to: "cancelled", actor: { kind: "drp_agent", id: agent.id }, now });
    });
  } catch (error) {
    if (isAppError(error, "illegal_transition")) throw new DrpError(409, "The request is already final and cannot be revoked.");
    throw error;
  }
  return getDrpStatus(ctx, input);
}
