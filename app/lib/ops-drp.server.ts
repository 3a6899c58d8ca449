import type { AppLoadContext } from "@remix-run/node";
import { clearDrpDirectoryCache } from "../../server/drp/load-drp-directory";
import { listDrpAgents, type DrpAgentsOverview } from "../../server/drp/list-drp-agents";
import { setDrpAgentStatus } from "../../server/drp/set-drp-agent-status";
import { isAppError } from "../../server/lib/errors";
import type { SignedInStaff } from "./staff-session.server";

// Every function here expects the caller to have passed requireStaff(..., "manage:staff:any").

export interface DrpAgentsPage {
  overview: DrpAgentsOverview;
  /** The api_base to publish in the DRP business directory (docs/drp.md). */
  apiBase: string;
  businessId: string | null;
}

export async function loadDrpAgentsPage(context: AppLoadContext, options: { reload?: boolean } = {}): Promise<DrpAgentsPage> {
  const env = context.app.env;
  if (options.reload) clearDrpDirectoryCache(env);
  return { overview: await listDrpAgents(context.app), apiBase: `${env.PUBLIC_URL}${env.DRP_BASE_PATH}`, businessId: env.DRP_BUSINESS_ID ?? null };
}

/** Enables or disables one DRP agent; false when there is no such DRP agent. */
export async function setDrpAgentStatusForAdmin(context: AppLoadContext, admin: SignedInStaff, input: { agentId: string; enable: boolean }): Promise<boolean> {
  try {
    await setDrpAgentStatus(context.app, { agentId: input.agentId, status: input.enable ? "active" : "disabled", staffId: admin.user.id });
    return true;
  } catch (error) {
    if (isAppError(error, "not_found")) return false;
    throw error;
  }
}
