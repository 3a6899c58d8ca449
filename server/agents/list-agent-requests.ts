import type { AppContext } from "../context";
import { listRequestsOfAgent } from "./agent-requests.repository";
import { findAuthorizationsForRequests } from "./authorizations.repository";
import { describeAgentRequestStatus } from "./describe-agent-request-status";

export interface AgentRequestSummary {
  id: string;
  type: string;
  state: string;
  /** What the agent is told it waits for (describeAgentRequestStatus). */
  status: string;
  consumerName: string;
  receiptDate: string;
  /** The legal due date, or the extended one once extended (1798.130(a)(2)(A)). */
  dueDate: string;
  denialReason: string | null;
}

/** The signed-in agent's own requests, with status and due dates (issue 8); no one else's. */
export async function listAgentRequests(ctx: AppContext, input: { agentId: string }): Promise<AgentRequestSummary[]> {
  const rows = await listRequestsOfAgent(ctx.db, input.agentId);
  const authorizations = await findAuthorizationsForRequests(ctx.db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    state: r.state,
    status: describeAgentRequestStatus(authorizations.get(r.id), r.state),
    consumerName: r.subject_name,
    receiptDate: r.receipt_date,
    dueDate: r.extended_due_date ?? r.due_date,
    denialReason: r.denial_reason,
  }));
}
