import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { AppError } from "../lib/errors";
import { runInWriteTransaction } from "../lib/transaction.repository";
import { DRP_AGENT_STATUSES, updateDrpAgentStatus, type DrpAgentStatus } from "./drp-agents.repository";

/**
 * Ops enable or disable a DRP agent. A disabled agent keeps its directory listing but gets 403 on
 * every call, token setup included, until enabled again; its requests already received go on
 * through the lifecycle (they are consumers' requests, 1798.130(a)(2)). Audit-logged with the
 * staff id. Throws AppError not_found (no such DRP agent) or validation (unknown status).
 */
export async function setDrpAgentStatus(ctx: AppContext, input: { agentId: string; status: DrpAgentStatus; staffId: string; now?: Date }): Promise<void> {
  if (!DRP_AGENT_STATUSES.includes(input.status)) throw new AppError("validation", { fields: ["status"] });
  const now = input.now ?? new Date();
  await runInWriteTransaction(ctx, async (tx) => {
    if (!(await updateDrpAgentStatus(tx.db, input.agentId, input.status, toDbTime(now)))) throw new AppError("not_found");
    await recordAuditEvent(tx, { actor: { kind: "staff", id: input.staffId }, action: `drp.agent_${input.status === "active" ? "enabled" : "disabled"}`, details: { agentId: input.agentId }, now });
  });
  ctx.logger.info({ agentId: input.agentId, status: input.status }, "DRP agent status changed");
}
