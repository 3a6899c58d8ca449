import type { AppContext } from "../../server/context";
import { FAILURE_WINDOW_DAYS, getConnectorsHealth, runConnectorsCheck, type ConnectorHealth, type ConnectorsCheckResult } from "../../server/ops/get-connectors-health";
import { formatPacific } from "../../server/ops/pacific-local-time";

export type { ConnectorsCheckResult };
export type ConnectorRow = ConnectorHealth & { lastRunPacific: string | null };

/** The connectors page: the caller has passed requireStaff(..., "view:connector:any"). */
export async function loadConnectorsPage(ctx: AppContext) {
  const sources = await getConnectorsHealth(ctx);
  return {
    failureWindowDays: FAILURE_WINDOW_DAYS,
    sources: sources.map((s): ConnectorRow => ({ ...s, lastRunPacific: s.lastRun ? formatPacific(new Date(s.lastRun.at)) : null })),
  };
}

/** "Check now": the caller has passed requireStaff(..., "manage:connector:any") and the CSRF check. */
export async function checkConnectorsForOps(ctx: AppContext): Promise<ConnectorsCheckResult & { checkedAtPacific: string }> {
  const result = await runConnectorsCheck(ctx);
  return { ...result, checkedAtPacific: formatPacific(new Date(result.checkedAt)) };
}
