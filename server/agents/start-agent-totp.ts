import { getBusinessProfile } from "../business/get-business-profile";
import type { AppContext } from "../context";
import { toDbTime } from "../lib/clock";
import { buildTotp, newTotpSecret } from "../staff/totp-codes";
import { findAgentById, setAgentPendingTotpSecret } from "./agents.repository";

export type StartAgentTotpResult = { status: "ready"; secret: string; uri: string; account: string } | { status: "already_on" | "unavailable" };

/**
 * The optional second factor for agents (issue 8: "second factor optional"), the same RFC 6238
 * TOTP as staff (ADR 010). The secret stays pending until a first code proves the app holds it
 * (enrolAgentTotp); asking again returns the same pending secret, so a reload keeps the QR code.
 */
export async function startAgentTotp(ctx: AppContext, input: { agentId: string; now?: Date }): Promise<StartAgentTotpResult> {
  const row = await findAgentById(ctx.db, input.agentId);
  if (!row || row.status !== "active") return { status: "unavailable" };
  if (row.totp_secret !== null) return { status: "already_on" };
  let secret = row.totp_pending_secret;
  if (!secret) {
    secret = newTotpSecret();
    await setAgentPendingTotpSecret(ctx.db, { id: row.id, secret, now: toDbTime(input.now ?? new Date()) });
  }
  const issuer = `${(await getBusinessProfile(ctx)).name} agents`;
  return { status: "ready", secret, uri: buildTotp(secret, { issuer, label: row.email }).toString(), account: row.email };
}
