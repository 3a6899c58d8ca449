import { Link } from "@remix-run/react";
import type { QueueItem } from "~/lib/ops-queue.server";
import { DueMark } from "./due-mark";
import { CHANNEL_LABELS, STATE_LABELS, TYPE_LABELS, label } from "./request-labels";

/**
 * The queue: what a reviewer needs to pick the next request, and no contact details (those are on
 * the request page, whose every view is audited). A table on wide screens, cards on phones.
 */
export function QueueTable({ items, caption }: { items: QueueItem[]; caption: string }) {
  return (
    <table className="ops-table cards queue-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Channel</th>
          <th scope="col">State</th>
          <th scope="col">Received</th>
          <th scope="col">Due</th>
          <th scope="col">Days left</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <th scope="row" data-label="Request">
              <Link to={`/ops/requests/${item.id}`} className="request-id">
                {item.id}
              </Link>
            </th>
            <td data-label="Name">{item.subjectName}</td>
            <td data-label="Type">{label(TYPE_LABELS, item.type)}</td>
            <td data-label="Channel">
              {label(CHANNEL_LABELS, item.channel)}
              {item.viaAgent && item.channel !== "agent" ? " (agent)" : ""}
            </td>
            <td data-label="State">{label(STATE_LABELS, item.state)}</td>
            <td data-label="Received" className="nowrap">
              {item.receiptDate}
            </td>
            <td data-label="Due" className="nowrap">
              {item.dueDate}
              {item.extended ? <span className="extended-note"> (extended)</span> : null}
            </td>
            <td data-label="Days left">
              <DueMark due={item.due} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
