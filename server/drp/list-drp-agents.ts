import type { AppContext } from "../context";
import { DrpError } from "./drp-error";
import { listDrpAgentRows } from "./drp-agents.repository";
import { ensureDrpAgent } from "./ensure-drp-agent";
import { loadDrpDirectory, type DirectoryAgent } from "./load-drp-directory";

export interface DrpAgentView {
  id: string;
  drpAgentId: string;
  name: string;
  status: string;
  /** Still listed in the configured directory; an agent the consortium removed can do nothing. */
  listed: boolean;
}

export type DrpAgentsOverview = { enabled: false } | { enabled: true; directoryError: boolean; agents: DrpAgentView[] };

/**
 * What the ops page shows: every directory agent (a row is made for each on first sight, so ops
 * can disable one before it ever calls) and any earlier DRP agent no longer listed.
 */
export async function listDrpAgents(ctx: AppContext): Promise<DrpAgentsOverview> {
  if (!ctx.env.DRP_DIRECTORY) return { enabled: false };
  let listed: Map<string, DirectoryAgent> | null = null;
  try {
    listed = await loadDrpDirectory(ctx.env);
    for (const entry of listed.values()) await ensureDrpAgent(ctx, entry);
  } catch (error) {
    if (!(error instanceof DrpError)) throw error;
  }
  const rows = await listDrpAgentRows(ctx.db);
  return {
    enabled: true,
    directoryError: listed === null,
    agents: rows.map((r) => ({ id: r.id, drpAgentId: r.drp_agent_id ?? "", name: r.name, status: r.status, listed: listed?.has(r.drp_agent_id ?? "") ?? false })),
  };
}
