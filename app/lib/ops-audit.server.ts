import type { AppContext } from "../../server/context";
import { verifyAuditChain, type AuditChainVerdict } from "../../server/audit/verify-audit-chain";
import { listAuditEvents, type AuditListItem } from "../../server/ops/list-audit-events";
import { formatPacific } from "../../server/ops/pacific-local-time";

export type { AuditChainVerdict };
export type AuditRow = AuditListItem & { atPacific: string };

/** The audit page: the caller has passed requireStaff(..., "view:audit:any"). */
export async function loadAuditPage(ctx: AppContext, url: URL) {
  const before = Number(url.searchParams.get("before"));
  const requestParam = url.searchParams.get("request")?.trim().toLowerCase() ?? "";
  const requestId = /^[0-9a-z]{26}$/.test(requestParam) ? requestParam : null;
  const page = await listAuditEvents(ctx, { beforeSeq: Number.isInteger(before) && before > 0 ? before : null, requestId });
  return {
    items: page.items.map((item): AuditRow => ({ ...item, atPacific: formatPacific(new Date(item.at)) })),
    olderThan: page.olderThan,
    requestId,
    isFirstPage: !(Number.isInteger(before) && before > 0),
  };
}

export async function verifyAuditChainForOps(ctx: AppContext): Promise<AuditChainVerdict> {
  return verifyAuditChain(ctx);
}
