import path from "node:path";
import type { Env } from "../env";

/**
 * Where one request's collected records wait between collection, review and rendering: under
 * DATA_DIR/spool, named by the (random) request id, encrypted (ADR 035), mode 600, and deleted once
 * the disclosure is stored (data minimisation: the copy lives no longer than needed; a crash's
 * leftovers are swept, ADR 036).
 */
export function spoolPaths(env: Pick<Env, "DATA_DIR">, requestId: string): { dir: string; spool: string; summary: string } {
  const dir = path.join(env.DATA_DIR, "spool");
  const spool = path.join(dir, `${requestId}.ndjson`);
  return { dir, spool, summary: `${spool}.summary.json` };
}
