import { recordAuditEvent } from "../audit/record-audit-event";
import type { AppContext } from "../context";

/**
 * Request records are walled off (11 CCR 7101(c)-(e); R39): every export of the request log or
 * the metrics is on the audit trail, with who took it and which range.
 */
export async function recordRecordsExport(
  ctx: AppContext,
  input: { staffId: string; export: "request_log" | "metrics_7102"; from: string; to: string },
): Promise<void> {
  await recordAuditEvent(ctx, {
    actor: { kind: "staff", id: input.staffId },
    action: "ops.records_exported",
    details: { export: input.export, from: input.from, to: input.to },
  });
}
