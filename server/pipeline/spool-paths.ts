import path from "node:path";
import type { Env } from "../env";

/**
 * Where one request's collected records wait between collection, review and rendering: under
 * DATA_DIR/spool, named by the (random) request id, written mode 600 and deleted once the
 * disclosure is stored (data minimisation: the plaintext copy lives no longer than needed).
 */
export function spoolPaths(env: Pick<Env, "DATA_DIR">, requestId: string): { dir: string; spool: string; summary: string } {
  const dir = path.join(env.DATA_DIR, "spool");
  const spool = path.join(dir, `${requestId}.ndjson`);
  return { dir, spool, summary: `${spool}.summary.json` };
}
