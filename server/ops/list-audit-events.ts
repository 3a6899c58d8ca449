import type { AppContext } from "../context";
import { fromDbTime } from "../lib/clock";
import { listAuditEventsNewestFirst } from "./ops-audit.repository";
import { listStaffNames } from "./ops-request.repository";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditListItem {
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  actorKind: string;
  actorId: string | null;
  /** The staff member's name when the actor is staff. */
  actorName: string | null;
  action: string;
  requestId: string | null;
  /** ids, codes, dates and counts only (record-audit-event.ts refuses anything else). */
  details: Record<string, string | number | boolean | null>;
}

export interface AuditPage {
  items: AuditListItem[];
  /** Pass as `beforeSeq` for the next (older) page; null on the last page. */
  olderThan: number | null;
}

function parseDetails(text: string): AuditListItem["details"] {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as AuditListItem["details"]) : {};
  } catch {
    // A hand-edited row may not parse; the chain check reports it, the list still shows it.
    return {};
  }
}

/**
 * The audit trail for privacy ops and auditors (11 CCR 7101(b)-(c); R38, R39), newest first,
 * optionally for one request. Reads one row more than it shows to know whether an older page exists.
 */
export async function listAuditEvents(
  ctx: AppContext,
  input: { beforeSeq?: number | null; requestId?: string | null },
): Promise<AuditPage> {
  const rows = await listAuditEventsNewestFirst(ctx.db, {
    beforeSeq: input.beforeSeq ?? null,
    requestId: input.requestId ?? null,
    limit: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const names = await listStaffNames(
    ctx.db,
    page.filter((r) => r.actor_kind === "staff" && r.actor_id).map((r) => r.actor_id!),
  );
  return {
    items: page.map((r) => ({
      seq: r.seq,
      at: fromDbTime(r.at).toISOString(),
      actorKind: r.actor_kind,
      actorId: r.actor_id,
      actorName: r.actor_kind === "staff" && r.actor_id ? (names.get(r.actor_id) ?? null) : null,
      action: r.action,
      requestId: r.request_id,
      details: parseDetails(r.details),
    })),
    olderThan: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.seq : null,
  };
}
