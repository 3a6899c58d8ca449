import { Link } from "@remix-run/react";
import type { AuditRow } from "~/lib/ops-audit.server";
import { ACTOR_LABELS, label } from "./request-labels";

function detailsText(details: AuditRow["details"]): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${value === null ? "none" : String(value)}`)
    .join("; ");
}

/** Audit events, newest first. Details hold ids and codes only (record-audit-event.ts). */
export function AuditTable({ items, caption }: { items: AuditRow[]; caption: string }) {
  return (
    <table className="ops-table cards audit-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Seq</th>
          <th scope="col">Time (Pacific)</th>
          <th scope="col">Actor</th>
          <th scope="col">Action</th>
          <th scope="col">Request</th>
          <th scope="col">Details</th>
        </tr>
      </thead>
      <tbody>
        {items.map((e) => (
          <tr key={e.seq}>
            <th scope="row" data-label="Seq">
              {e.seq}
            </th>
            <td data-label="Time" className="nowrap">
              {e.atPacific}
            </td>
            <td data-label="Actor">
              {label(ACTOR_LABELS, e.actorKind)}
              {e.actorName ? `: ${e.actorName}` : ""}
              {e.actorId ? <span className="actor-id">{e.actorId}</span> : null}
            </td>
            <td data-label="Action">
              <code>{e.action}</code>
            </td>
            <td data-label="Request">
              {e.requestId ? (
                <Link to={`/ops/requests/${e.requestId}`} className="request-id">
                  {e.requestId}
                </Link>
              ) : (
                "None"
              )}
            </td>
            <td data-label="Details" className="details">
              {detailsText(e.details)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
