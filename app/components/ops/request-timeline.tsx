import type { OpsRequestDisplay } from "~/lib/ops-request.server";
import { ACTOR_LABELS, STATE_LABELS, label } from "./request-labels";

function changeText(from: string | null, to: string): string {
  // The first event is when the portal recorded it; the receipt time (7021(b)) is under Deadlines.
  if (from === null) return "Request recorded";
  // The one event that is not a state change: the deadline extension (R9).
  if (from === to) return "Deadline extended";
  return `${label(STATE_LABELS, from)} to ${label(STATE_LABELS, to)}`;
}

/** The request's history, oldest first, with who acted (11 CCR 7101(a); R42). */
export function RequestTimeline({ events }: { events: OpsRequestDisplay["events"] }) {
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <table className="ops-table cards timeline-table">
        <caption className="visually-hidden">What happened to this request, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">When (Pacific)</th>
            <th scope="col">Change</th>
            <th scope="col">By</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <th scope="row" data-label="When" className="nowrap">
                {e.at}
              </th>
              <td data-label="Change">{changeText(e.fromState, e.toState)}</td>
              <td data-label="By">
                {label(ACTOR_LABELS, e.actorKind)}
                {e.actorName ? `: ${e.actorName}` : ""}
              </td>
              <td data-label="Reason" className="free-text">
                {e.reason ?? ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
