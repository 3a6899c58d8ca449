import type { AppContext } from "../context";
import { findDrpAgentById } from "./drp-agents.repository";
import { findDrpRequest } from "./drp-requests.repository";
import { loadDrpDirectory } from "./load-drp-directory";

/**
 * What the consumer's browser brought to the `user_verification_url` of a DRP request (DRP 1.0
 * §3.04: the agent appends `request_id` and `redirect_to`):
 * - `mismatch`: `request_id` names another request than the page's: refused, nothing offered.
 *   Decided before any lookup, so a real id and a made-up one answer alike (X10);
 * - `return`: where to send the consumer once they have verified;
 * - `none`: nothing to do (not a DRP request, no `redirect_to`, or one we will not follow).
 *
 * `redirect_to` is followed only to a host the agent itself stands behind: its `web_url` in the
 * consortium directory, or the status_callback of this request, which it signed; over https (http
 * too outside production, as for callbacks). So the page is never an open redirect to an address a
 * stranger put in a link (phishing; DESIGN.md §7).
 */
export type DrpReturn = { status: "mismatch" } | { status: "return"; url: string } | { status: "none" };

export async function resolveDrpReturn(ctx: AppContext, input: { requestId: string; claimedRequestId: string | null; redirectTo: string | null }): Promise<DrpReturn> {
  if (input.claimedRequestId !== null && input.claimedRequestId !== input.requestId) return { status: "mismatch" };
  const target = input.redirectTo ? parseUrl(input.redirectTo) : null;
  const schemes = ctx.env.isProduction ? ["https:"] : ["https:", "http:"];
  if (!target || !schemes.includes(target.protocol) || target.username || target.password) return { status: "none" };
  const drp = await findDrpRequest(ctx.db, input.requestId);
  if (!drp) return { status: "none" };
  const agent = await findDrpAgentById(ctx.db, drp.agent_id);
  // A directory that cannot be read now only narrows the allow-list to the callback's host.
  const directory = agent?.drp_agent_id ? await loadDrpDirectory(ctx.env).catch(() => null) : null;
  const entry = agent?.drp_agent_id ? directory?.get(agent.drp_agent_id) : undefined;
  const hosts = [drp.status_callback, entry?.web_url].flatMap((url) => {
    const parsed = url ? parseUrl(url) : null;
    return parsed ? [parsed.hostname.toLowerCase()] : [];
  });
  return hosts.includes(target.hostname.toLowerCase()) ? { status: "return", url: target.href } : { status: "none" };
}

function parseUrl(text: string): URL | null {
  try {
    return text.length <= 2048 ? new URL(text) : null;
  } catch {
    return null;
  }
}
