import { createHash } from "node:crypto";
import type { AppContext } from "../context";
import { nowDbTime } from "../lib/clock";
import { isUniqueViolation } from "../lib/db-errors";
import { newId } from "../lib/ids";
import { findDrpAgentByDrpId, insertDrpAgent, updateDrpAgentFromDirectory, type DrpAgentRow } from "./drp-agents.repository";
import type { DirectoryAgent } from "./load-drp-directory";

/**
 * The agents row of a directory agent, created on first contact and kept in step with the
 * directory (name, key); the ops-set status is never overwritten. agents.email is NOT NULL and
 * unique, and a DRP agent has no portal sign-in, so it gets a placeholder on the reserved
 * .invalid domain derived from its id (never mailed; the directory's contacts may be shared).
 */
export async function ensureDrpAgent(ctx: AppContext, entry: DirectoryAgent): Promise<DrpAgentRow> {
  const existing = await findDrpAgentByDrpId(ctx.db, entry.id);
  const now = nowDbTime();
  if (existing) {
    if (existing.name !== entry.name || existing.drp_verify_key !== entry.verify_key) {
      await updateDrpAgentFromDirectory(ctx.db, existing.id, { name: entry.name, verifyKey: entry.verify_key, now });
      return { ...existing, name: entry.name, drp_verify_key: entry.verify_key, updated_at: now };
    }
    return existing;
  }
  const email = `drp.${createHash("sha256").update(entry.id).digest("hex").slice(0, 24)}@agents.invalid`;
  try {
    await insertDrpAgent(ctx.db, { id: newId(), name: entry.name, email, drpAgentId: entry.id, verifyKey: entry.verify_key, now });
  } catch (error) {
    // Two first contacts at once: the other insert won, which is the same row.
    if (!isUniqueViolation(error)) throw error;
  }
  const created = await findDrpAgentByDrpId(ctx.db, entry.id);
  if (!created) throw new Error("DRP agent row missing after insert");
  return created;
}
