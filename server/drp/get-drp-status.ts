import type { AppContext } from "../context";
import { findRequestById } from "../requests/requests.repository";
import type { DrpCaller } from "./authenticate-drp-agent";
import { buildDrpStatus } from "./build-drp-status";
import { DrpError } from "./drp-error";
import { findDrpRequest } from "./drp-requests.repository";
import type { DrpStatus } from "./drp-status.shared";

/**
 * GET /v1/data-rights-request/{request_id} (DRP 1.0 §2.02): the status of one of the caller's own
 * requests. Another agent's request is 403 as the spec says; an id that is not a DRP request at
 * all is 404 (the spec leaves it open), so web requests cannot be probed through the API.
 */
export async function getDrpStatus(ctx: AppContext, input: { caller: DrpCaller; requestId: string }): Promise<DrpStatus> {
  const drp = /^[0-9a-z]{26}$/.test(input.requestId) ? await findDrpRequest(ctx.db, input.requestId) : undefined;
  const request = drp ? await findRequestById(ctx.db, input.requestId) : undefined;
  if (!drp || !request) throw new DrpError(404, "No such request.");
  if (drp.agent_id !== input.caller.agent.id) throw new DrpError(403, "This request belongs to another agent.");
  return buildDrpStatus({ request, drp, publicUrl: ctx.env.PUBLIC_URL, retentionDays: ctx.env.REPORT_RETENTION_DAYS });
}
