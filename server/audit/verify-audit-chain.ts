import type { AppContext } from "../context";
import { listAuditEventsAfter } from "./audit-events.repository";
import { computeAuditHash, GENESIS_HASH } from "./compute-audit-hash";

export type AuditChainVerdict =
  | { ok: true; checked: number }
  /** brokenSeq: the first position whose row was edited, removed (a gap) or re-chained. */
  | { ok: false; brokenSeq: number; checked: number };

const PAGE = 500;

/**
 * Walks the audit trail in seq order and recomputes every hash (11 CCR 7101(b): reasonable
 * security of request records; tamper evidence for R38-R40). Reads page by page, so memory stays
 * flat however long the trail is. A deleted row shows up as a gap at its seq; an edited row as a
 * hash mismatch at its own seq; a row inserted or re-hashed by hand as a prev_hash mismatch.
 */
export async function verifyAuditChain(ctx: AppContext): Promise<AuditChainVerdict> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await listAuditEventsAfter(ctx.db, { afterSeq: expectedSeq - 1, limit: PAGE });
    for (const row of rows) {
      if (row.seq !== expectedSeq || row.prev_hash !== prevHash || computeAuditHash(prevHash, row) !== row.hash) {
        return { ok: false, brokenSeq: expectedSeq, checked };
      }
      prevHash = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < PAGE) return { ok: true, checked };
  }
}
