import type { AppContext } from "../context";
import { findDrpAgentById, type DrpAgentRow } from "./drp-agents.repository";
import { DrpError } from "./drp-error";
import { findDrpTokenAgentId } from "./drp-tokens.repository";
import { ensureDrpAgent } from "./ensure-drp-agent";
import { hashDrpToken } from "./hash-drp-token";
import { loadDrpDirectory, type DirectoryAgent } from "./load-drp-directory";

export interface DrpCaller {
  agent: DrpAgentRow;
  /** The directory entry as loaded now: its verify_key is the only key a signature may use. */
  entry: DirectoryAgent;
}

/**
 * Step one of every authenticated DRP call (DRP 1.0 §3.07): the pairwise bearer token selects the
 * agent. Refused with 403: no or unknown token, an agent no longer in the directory (the
 * consortium removed it), or one ops disabled (fatal: retrying will not help until ops act).
 */
export async function authenticateDrpAgent(ctx: AppContext, authorization: string | undefined): Promise<DrpCaller> {
  const directory = await loadDrpDirectory(ctx.env);
  const token = /^Bearer ([A-Za-z0-9+/=_.~-]{1,512})$/.exec(authorization?.trim() ?? "")?.[1];
  const agentId = token ? await findDrpTokenAgentId(ctx.db, hashDrpToken(token)) : undefined;
  const row = agentId ? await findDrpAgentById(ctx.db, agentId) : undefined;
  const entry = row?.drp_agent_id ? directory.get(row.drp_agent_id) : undefined;
  if (!row || !entry) throw new DrpError(403, "Missing or unknown bearer token.");
  if (row.status !== "active") throw new DrpError(403, "This agent is disabled by the business.", { fatal: true });
  return { agent: await ensureDrpAgent(ctx, entry), entry };
}
