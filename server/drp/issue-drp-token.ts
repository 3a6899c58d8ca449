import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { acceptSignedMessage } from "./accept-signed-message";
import { replaceDrpToken } from "./drp-tokens.repository";
import { DrpError } from "./drp-error";
import { ensureDrpAgent } from "./ensure-drp-agent";
import { hashDrpToken, newDrpToken } from "./hash-drp-token";
import { loadDrpDirectory } from "./load-drp-directory";

/**
 * Pairwise key setup, POST /v1/agent/{agent-id} (DRP 1.0 §2.05): an agent listed in the directory
 * proves itself with a message signed by its directory key and gets a bearer token for this
 * business only. Every refusal is a bare 403 (DrpError with emptyBody): unknown agent, bad
 * signature or claims, replay, or an agent ops disabled.
 */
export async function issueDrpToken(ctx: AppContext, input: { drpAgentId: string; body: string; now?: Date }): Promise<{ "agent-id": string; token: string }> {
  const now = input.now ?? new Date();
  const entry = (await loadDrpDirectory(ctx.env)).get(input.drpAgentId);
  if (!entry) throw new DrpError(403, "unknown agent", { emptyBody: true });
  const claims = await acceptSignedMessage(ctx, { body: input.body, agent: { drpAgentId: entry.id, verifyKey: entry.verify_key }, emptyBody: true, now });
  const agent = await ensureDrpAgent(ctx, entry);
  if (agent.status !== "active") throw new DrpError(403, "agent disabled", { emptyBody: true });
  const version = claims["drp.version"];
  const drpVersion = typeof version === "string" && /^[0-9A-Za-z._-]{1,16}$/.test(version) ? version : "unknown";
  const token = newDrpToken();
  await runInWriteTransaction(ctx, async (tx) => {
    await replaceDrpToken(tx.db, { tokenHash: hashDrpToken(token), agentId: agent.id, drpVersion, now: toDbTime(now) });
    await recordAuditEvent(tx, { actor: { kind: "drp_agent", id: agent.id }, action: "drp.token_issued", requestId: null, details: { drpVersion }, now });
  });
  ctx.logger.info({ agentId: agent.id }, "DRP token issued");
  return { "agent-id": entry.id, token };
}
